package dev.crmsuite.customer.merge;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerView;
import dev.crmsuite.customer.customer.CustomerViews;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import dev.crmsuite.platform.web.Versions;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/customers/{id}/merge")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MergeResource {

    @Inject
    Merges merges;
    @Inject
    CustomerViews views;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("deciding two records are one person is a back-office judgement; it also moves data between customers")
    @Transactional
    @Operation(operationId = "mergeCustomer", summary = "Merge this customer (a duplicate) into another",
            description = "Moves purchases, refunds, touchpoints, follow-ups, referrals, the timeline and emails/phones/tags to "
                    + "the target, recomputes its value, segment and stage, and leaves this id as a tombstone: reading it answers "
                    + "308 to the target. Referrals between the two are dropped, the target keeps its own referrer, and a moved referral "
                    + "that would close a circle (someone brought in by the target, down a chain, named as its referrer) is dropped. "
                    + "Publishes crm.customer.merged.v1 (subject = target) so the other services move their records. "
                    + "Staff only: partners get 403.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "merge",
            value = "{\"targetCustomerId\":\"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d\"}")))
    @APIResponse(responseCode = "200", description = "The surviving customer", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "targetCustomerId missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Both have a purchase with the same externalOrderId, or one was erased", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Target is the same customer, unknown, or merged itself", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response merge(@PathParam("id") UUID id, @Valid @NotNull Merges.MergeRequest request) {
        Customer target = merges.merge(id, request.targetCustomerId());
        return Response.ok(views.of(target)).tag(Versions.etag(target.version)).build();
    }
}
