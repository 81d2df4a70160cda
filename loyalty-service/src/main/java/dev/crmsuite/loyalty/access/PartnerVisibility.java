package dev.crmsuite.loyalty.access;

import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * What a partner may see of loyalty data: only what belongs to customers who consented to partner
 * sharing (the platform's {@link PartnerConsents}, kept from {@code crm.customers}). Staff see
 * everything. A hidden customer, and every account, ledger entry, lot, redemption, goodwill request
 * or voucher of theirs, must answer exactly like an unknown id, and be checked before anything is
 * written; lists filter in SQL with {@link #visibleSql} so pages stay full and cursors name only
 * visible rows.
 */
@ApplicationScoped
public class PartnerVisibility {

    private final PartnerConsents consents;
    private final Callers callers;

    public PartnerVisibility(PartnerConsents consents, Callers callers) {
        this.consents = consents;
        this.callers = callers;
    }

    /** Whether the caller is a partner and {@code customerId} names a customer they may not see (unknown ones included). */
    public boolean hidden(UUID customerId) {
        return customerId != null && consents.hiddenFromCaller(customerId.toString());
    }

    /** Whether the caller is a partner. */
    public boolean partnerCalling() {
        return callers.partnerCalling();
    }

    /**
     * SQL condition (native query) that keeps the rows of {@code customerIdColumn} the caller may
     * see: always true for staff; for partners, consenting customers only.
     */
    public String visibleSql(String customerIdColumn) {
        return callers.partnerCalling() ? PartnerConsents.visibleSql(customerIdColumn) : "true";
    }

    /** Throws the answer an unknown loyalty account gets when the caller may not see this customer's. */
    public void requireAccountVisible(UUID customerId) {
        if (hidden(customerId)) {
            throw unknownAccount(customerId);
        }
    }

    /** The one answer for a customer without an account, and for one the caller may not see. */
    public static ProblemException unknownAccount(UUID customerId) {
        return ProblemException.notFound("loyalty account", customerId);
    }

    /**
     * The answer to a {@code customerId} in a request body that names a customer the caller may not
     * see; for a partner an unknown customer is hidden too, so both read the same.
     */
    public static ProblemException unknownCustomer(String field, UUID customerId) {
        return new ProblemException(422, "unknown-customer", "Unprocessable request",
                field + ": customer " + customerId + " does not exist",
                List.of(new Problem.FieldError(field, "no such customer")));
    }
}
