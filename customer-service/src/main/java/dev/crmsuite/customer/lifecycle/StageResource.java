package dev.crmsuite.customer.lifecycle;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerView;
import dev.crmsuite.customer.customer.CustomerViews;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import dev.crmsuite.platform.web.Versions;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/stage")
@Tag(name = "Lifecycle", description = "Six steps to loyalty, and lost customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StageResource {

    @Inject
    Customers customers;
    @Inject
    Lifecycle lifecycle;
    @Inject
    CustomerViews views;
    @Inject
    EntityManager em;

    @PUT
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("a stage override overrules the rules for this customer: staff judgement")
    @Transactional
    @Operation(operationId = "overrideStage", summary = "Set the lifecycle stage by hand",
            description = "Staff override with a reason; the rules leave the stage alone until the override is removed. "
                    + "LOST needs lostReasonCode and lostReasonText and publishes crm.customer.marked-lost.v1. "
                    + "Staff only: partners get 403.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "lost",
            value = "{\"stage\":\"LOST\",\"reason\":\"customer told us\",\"lostReasonCode\":\"COMPETITOR\",\"lostReasonText\":\"cheaper offer elsewhere\"}")))
    @APIResponse(responseCode = "200", description = "The customer with the new stage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Missing reason, or LOST without reason code/text; errors[] names them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response override(@PathParam("id") UUID id, @Valid @NotNull StageInput input) {
        Customer c = customers.lock(id);
        lifecycle.override(c, input);
        em.flush();
        return Response.ok(views.of(c)).tag(Versions.etag(c.version)).build();
    }

    @DELETE
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("releasing a stage override is staff judgement, like setting one")
    @Transactional
    @Operation(operationId = "releaseStage", summary = "Hand the stage back to the rules",
            description = "Removes a staff override; the stage is derived from behaviour again at once. Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "The customer with its derived stage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response release(@PathParam("id") UUID id) {
        Customer c = customers.lock(id);
        lifecycle.release(c);
        em.flush();
        return Response.ok(views.of(c)).tag(Versions.etag(c.version)).build();
    }
}
