package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/customers/{id}/duplicates")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateResource {

    private final Customers customers;
    private final DuplicateCandidates candidates;

    public DuplicateResource(Customers customers, DuplicateCandidates candidates) {
        this.customers = customers;
        this.candidates = candidates;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listCustomerDuplicates", summary = "Customers who look like this one",
            description = "Checks now, on demand: the same phone (E.164), the same mailbox (Gmail dots and +tags of known "
                    + "providers ignored), the same email local part at another domain, the same company email domain, a similar "
                    + "name (trigram similarity, PostgreSQL pg_trgm) and the same address. Each candidate has a score from 0 to 1 "
                    + "and the fields that matched; candidates score at least crm.insight.duplicates.min-score (0.5). Merged and "
                    + "erased customers are never candidates; a partner sees only candidates who consented to partner sharing. "
                    + "The pairs found join the list GET /api/v1/customers/duplicate-candidates. To combine two records, use "
                    + "POST /api/v1/customers/{id}/merge (staff). Every candidate comes in one page (a customer has few; at most "
                    + "crm.insight.duplicates.max-lookups are examined), so nextCursor is always absent.")
    @APIResponse(responseCode = "200", description = "The candidates, best first (at most " + DuplicateResource.MAX_CANDIDATES + ")",
            content = @Content(mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON, schema = @Schema(implementation = CandidatePage.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CandidatePage list(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id) {
        Customer customer = customers.read(id);
        List<DuplicateCandidates.Candidate> found = candidates.refresh(customer);
        return new CandidatePage(found.size() > MAX_CANDIDATES ? found.subList(0, MAX_CANDIDATES) : found, null);
    }

    /** The most candidates one answer holds: a bounded list, so it is always one page. */
    static final int MAX_CANDIDATES = 200;

    /** The suite's list shape, bounded: every candidate fits one page, nextCursor is always null. */
    @Schema(name = "CustomerDuplicatePage", description = "Every look-alike of the customer, best first (at most 200); nextCursor is always null")
    public record CandidatePage(
            @Schema(maxItems = MAX_CANDIDATES, description = "The candidates, best first") List<DuplicateCandidates.Candidate> items,
            @Schema(description = "Always null: every candidate is on the one page") String nextCursor) {
    }
}
