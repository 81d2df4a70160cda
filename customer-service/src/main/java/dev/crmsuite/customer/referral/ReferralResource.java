package dev.crmsuite.customer.referral;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/customers/{id}/referrals")
@Tag(name = "Referrals", description = "Existing customers bringing new ones")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {

    @Inject
    Referrals referrals;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Transactional
    @Operation(operationId = "recordReferral", summary = "Record that this customer referred another",
            description = "The path customer is the referrer. A customer is referred at most once. The referred customer's "
                    + "12-month revenue becomes part of the referrer's lifetime value. Publishes crm.referral.recorded.v1. "
                    + "To a partner, a referred customer hidden from partners is unknown (422 as for an unknown id).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "neighbour",
            value = "{\"referredCustomerId\":\"6a1f0e52-4f43-4c38-9d7e-0f3cf7e1f1aa\",\"note\":\"neighbour\"}")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Referrals.ReferralView.class)))
    @APIResponse(responseCode = "400", description = "referredCustomerId missing or not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such referrer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The referred customer already has a referrer (referrerId names it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Self-referral, unknown referred customer (unknown-customer), or a circle (referral-cycle: the referred customer brought this one in, directly or down a chain of referrals)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("id") UUID id, @Valid @NotNull Referrals.NewReferral in) {
        Referrals.ReferralView r = referrals.record(id, in);
        return Response.created(URI.create("/api/v1/customers/" + r.referrerId() + "/referrals")).entity(r).build();
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getReferrals", summary = "Who referred this customer and whom they referred",
            description = "With the referral revenue that feeds lifetime value. A partner sees only referrals whose other "
                    + "customer is visible to partners too.")
    @APIResponse(responseCode = "200", description = "The referrals", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Referrals.ReferralsView.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Referrals.ReferralsView get(@PathParam("id") UUID id) {
        return referrals.of(id);
    }
}
