package dev.crmsuite.customer.timeline;

import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/timeline")
@Tag(name = "Touchpoints")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    @Inject
    Timeline timeline;
    @Inject
    Customers customers;

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getTimeline", summary = "The customer's story, newest first",
            description = "Touchpoints, purchases, refunds, stage changes, completed follow-ups, referrals, and from the other "
                    + "services' events: complaints filed and resolved, survey answers, loyalty milestones. Keyset-paginated. "
                    + "Only the entries the caller's scopes allow: complaint entries need complaints:read, survey answers "
                    + "surveys:read, loyalty milestones loyalty:read; a partner does not see referrals naming, or merges of, "
                    + "customers hidden from partners.")
    @APIResponse(responseCode = "200", description = "A page of timeline items")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TimelineItem> get(@PathParam("id") UUID id,
                                  @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        customers.require(id);
        return timeline.page(id, cursor, PageLimit.of(limit));
    }
}
