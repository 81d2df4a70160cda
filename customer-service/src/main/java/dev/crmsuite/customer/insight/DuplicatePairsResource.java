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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
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
            description = "Every pair found so far (when a customer was registered, and whenever a customer's duplicates were "
                    + "asked for), best score first, keyset-paginated: pass nextCursor as cursor. Pairs with a merged or erased "
                    + "customer are not shown; a pair that no longer matches disappears when either customer is checked again. "
                    + "Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "A page of pairs", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one pair", value = """
                    {"items":[{"customer":{"id":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","name":"Li Wei","email":"li.wei@example.com"},
                    "other":{"id":"7d1c5c0e-2f7b-4b7e-9a55-0a8f3c0d9e11","name":"Li Wei","email":"liwei@gmail.com"},"score":1.000,
                    "matches":[{"field":"phone","detail":"+8613800138000"},{"field":"name","detail":"similarity 1.000"}],
                    "foundAt":"2026-12-02T09:30:00Z"}],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "limit or cursor invalid; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DuplicateCandidates.Pair> list(
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return candidates.pairs(cursor, PageLimit.of(limit));
    }
}
