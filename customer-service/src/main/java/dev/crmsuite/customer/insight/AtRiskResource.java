package dev.crmsuite.customer.insight;

import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The customers at risk, most at risk first. */
@Path("/api/v1/analytics/at-risk")
@Tag(name = "Analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AtRiskResource {

    private final AtRiskList atRisk;

    public AtRiskResource(AtRiskList atRisk) {
        this.atRisk = atRisk;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listAtRiskCustomers", summary = "Customers at risk before they are lost",
            description = "Customers whose last assessment is MEDIUM or HIGH, the most at risk first (HIGH before MEDIUM, then the "
                    + "longest silence), with the reasons in words and the RFM profile behind them. Assessed when the customer buys "
                    + "and in a daily sweep (crm.insight.risk.sweep-cron: risk grows with silence, which no event announces). LOST, "
                    + "merged and erased customers are not listed. When a tier-A or key-account customer becomes HIGH, the account "
                    + "manager gets a follow-up (rule AT_RISK), once per episode. Keyset-paginated: pass nextCursor as cursor. "
                    + "A partner sees only customers who consented to partner sharing.")
    @APIResponse(responseCode = "200", description = "A page of customers at risk")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is invalid; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AtRiskList.Item> list(
            @Parameter(description = "Lowest level listed: MEDIUM (default) or HIGH", example = "HIGH") @QueryParam("level") String level,
            @Parameter(description = "TRANSACTIONAL, INDIFFERENT, RELATIONAL or KEY_ACCOUNT", example = "KEY_ACCOUNT") @QueryParam("segment") String segment,
            @Parameter(description = "A, B or C", example = "A") @QueryParam("valueTier") String valueTier,
            @Parameter(description = "Looked after by", example = "zhang.min") @QueryParam("accountManager") String accountManager,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return atRisk.list(new AtRiskList.Filters(level, segment, valueTier, accountManager), cursor, PageLimit.of(limit));
    }
}
