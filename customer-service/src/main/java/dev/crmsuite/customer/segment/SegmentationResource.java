package dev.crmsuite.customer.segment;

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

@Path("/api/v1/customers/{id}/segmentation")
@Tag(name = "Segmentation", description = "Price sensitivity x relationship orientation, key accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SegmentationResource {

    @Inject
    Customers customers;
    @Inject
    Segmentation segmentation;
    @Inject
    CustomerViews views;
    @Inject
    EntityManager em;

    @PUT
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("segment inputs and key-account status decide service policy and priority: staff judgement")
    @Transactional
    @Operation(operationId = "setSegmentation", summary = "Set price sensitivity, relationship orientation, key account",
            description = "Staff input overrides what purchases suggest; a null level hands it back to the rules (share of "
                    + "purchases on discount; repeat rate). KEY_ACCOUNT needs relationship orientation HIGH and an account manager. "
                    + "Publishes crm.customer.segment-changed.v1 when the segment moves. While the rules cannot place the customer "
                    + "(too few purchases) the last segment stands and nothing is published. Staff only: partners get 403.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "key account",
            value = "{\"priceSensitivity\":\"LOW\",\"relationshipOrientation\":\"HIGH\",\"keyAccount\":true}")))
    @APIResponse(responseCode = "200", description = "The customer with its new segment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid level", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Key account without HIGH orientation or without account manager",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response set(@PathParam("id") UUID id, @Valid @NotNull SegmentationInput input) {
        Customer c = customers.lock(id);
        segmentation.staffSet(c, input);
        em.flush();
        return Response.ok(views.of(c)).tag(Versions.etag(c.version)).build();
    }
}
