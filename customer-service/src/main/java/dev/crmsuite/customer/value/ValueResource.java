package dev.crmsuite.customer.value;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/value-tiers/recompute")
@Tag(name = "Value")
@Produces(MediaType.APPLICATION_JSON)
public class ValueResource {

    @Inject
    ValueTiers tiers;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("recomputes every customer's value: a back-office job")
    @Operation(operationId = "recomputeValueTiers", summary = "Recompute Pareto tiers now",
            description = "Runs what the schedule (crm.customer.value.recompute-cron) runs: 12-month revenue, referral revenue and "
                    + "lifetime value of every customer, then tiers A/B/C (A = the top customers who together make "
                    + "crm.customer.value.tier-a-share of revenue), then segments and stages that depend on them. "
                    + "Answers when the run is complete, which at scale takes minutes (2 cores, a million customers): about 2 "
                    + "minutes when few customers changed (most of it storing every customer's lifetime value and its time), "
                    + "and after a bulk import that changed 973,000 customers about 10 minutes for the ranking plus about 40 "
                    + "for their segments and stages. A caller that stops waiting (the gateway answers 504 after its timeout) "
                    + "does not stop the run. Concurrent runs rank one at a time and share the per-customer refresh. "
                    + "Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "Counts per tier", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ValueTiers.Result.class)))
    @APIResponse(responseCode = "503", description = "Database unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ValueTiers.Result recompute() {
        return tiers.recompute();
    }
}
