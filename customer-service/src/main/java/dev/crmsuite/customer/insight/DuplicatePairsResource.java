package dev.crmsuite.customer.insight;

import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
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

@Path("/api/v1/customers/duplicate-candidates")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicatePairsResource {

    private final DuplicateCandidates candidates;

    public DuplicatePairsResource(DuplicateCandidates candidates) {
        this.candidates = candidates;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("a work list over every customer for the back office that decides merges")
    @Operation(operationId = "listDuplicateCandidatePairs", summary = "Pairs of customers who look like the same one",
            description = "Every pair found so far (when a customer was registered, whenever a customer's duplicates were "
                    + "asked for, and by a background sweep that checks every customer, bulk-loaded ones included, in turn), best score first, keyset-paginated: pass nextCursor as cursor. Pairs with a merged or erased "
                    + "customer are not shown; a pair that no longer matches disappears when either customer is checked again. "
                    + "Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "A page of pairs")
    @APIResponse(responseCode = "400", description = "limit or cursor invalid; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DuplicateCandidates.Pair> list(
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return candidates.pairs(cursor, PageLimit.of(limit));
    }
}
