package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A registration that looks like an existing customer still answers 201 (the caller may know better:
 * two people may share a name and an address), but never silently: the answer names the look-alikes
 * in the {@value #HEADER} header, best first, so the client can show a warning and offer a merge.
 *
 * <p>The check runs after the registration committed, on the stored customer, so it sees exactly
 * what was saved and the new customer's pairs join the candidate list; a replayed answer (the same
 * Idempotency-Key) is checked again and so names the look-alikes as they are now. A failing check
 * never fails the registration: the customer exists, and its duplicates can still be asked for.
 */
@Provider
public class PossibleDuplicatesOnCreate implements ContainerResponseFilter {

    public static final String HEADER = "CRM-Possible-Duplicates";
    /** Most ids named in the header; the rest are in GET /customers/{id}/duplicates. */
    static final int MAX_NAMED = 10;
    private static final String COLLECTION = "/api/v1/customers";
    private static final Logger LOG = Logger.getLogger(PossibleDuplicatesOnCreate.class);

    private final DuplicateCandidates candidates;

    public PossibleDuplicatesOnCreate(DuplicateCandidates candidates) {
        this.candidates = candidates;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 201 || !"POST".equals(request.getMethod())
                || !COLLECTION.equals(request.getUriInfo().getPath())) {
            return;
        }
        String location = response.getHeaderString("Location");
        if (location == null) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        } catch (IllegalArgumentException e) {
            return;
        }
        try {
            List<DuplicateCandidates.Candidate> found = QuarkusTransaction.requiringNew().call(() -> {
                Customer customer = Customer.findById(id);
                return customer == null ? List.<DuplicateCandidates.Candidate>of() : candidates.refresh(customer);
            });
            if (!found.isEmpty()) {
                response.getHeaders().putSingle(HEADER, found.stream().limit(MAX_NAMED)
                        .map(c -> c.customerId().toString()).collect(Collectors.joining(",")));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "duplicate check after registering customer %s failed; the registration stands", id);
        }
    }
}
