package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.web.CanonicalUuid;

import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The complaints the caller may see, and the one way every complaint operation finds its complaint.
 * A partner sees only complaints of customers who consented to partner sharing (kept in
 * {@code partner_consent} from crm.customers); for a partner, a complaint of any other customer
 * does not exist: it answers exactly as an unknown id does (same status, type, title, and detail
 * apart from the id), and it does so before anything else of the request is looked at or changed.
 * Lists filter in their SQL ({@link #visibleSql}), so pages are full and cursors come from visible rows.
 */
@ApplicationScoped
public class VisibleComplaints {

    private final Callers callers;
    private final PartnerConsents consents;

    public VisibleComplaints(Callers callers, PartnerConsents consents) {
        this.callers = callers;
        this.consents = consents;
    }

    /** The complaint for a read, or the unknown-id 404. */
    public Complaint find(String id) {
        return CanonicalUuid.parse(id).flatMap(uuid -> Complaint.<Complaint>findByIdOptional(uuid))
                .filter(this::visible).orElseThrow(() -> unknown(id));
    }

    /**
     * The complaint for a change: row-locked so the visibility checked is the visibility acted on
     * (a merge cannot move it to another customer in between), then {@code If-Match} when sent, so
     * a stale ETag of a hidden complaint cannot tell it exists either.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint lock(String id, String ifMatch) {
        Complaint c = CanonicalUuid.parse(id).flatMap(Complaint::forUpdate).filter(this::visible)
                .orElseThrow(() -> unknown(id));
        if (ifMatch != null) {
            Versions.requireMatch(ifMatch, c.version);
        }
        return c;
    }

    /**
     * A customer named in a request body, for a partner: a customer who did not consent and one no
     * event has named yet get the same 422 (for a partner, unknown means no consent). Staff may name
     * any customer; an unknown one is accepted and reconciled later.
     */
    public UUID requireVisibleCustomer(String field, UUID customerId) {
        if (callers.partnerCalling() && !consents.sharedWithPartners(customerId.toString())) {
            throw new ProblemException(422, "unknown-customer", "Unprocessable request",
                    field + ": no customer " + customerId + " is known", List.of(new Problem.FieldError(field, "no such customer")));
        }
        return customerId;
    }

    /**
     * SQL condition that keeps only rows the caller may see, for a column holding the customer id:
     * everything for staff, consenting customers for partners.
     */
    public String visibleSql(String customerIdColumn) {
        return callers.partnerCalling() ? PartnerConsents.visibleSql(customerIdColumn) : "true";
    }

    /** Whether the caller is a partner, whose view is limited to consenting customers. */
    public boolean partnerCalling() {
        return callers.partnerCalling();
    }

    private boolean visible(Complaint c) {
        return !consents.hiddenFromCaller(c.customerId.toString());
    }

    /** The one answer for an id that does not exist, that is malformed, or whose complaint is hidden. */
    private static ProblemException unknown(String id) {
        return ProblemException.notFound("complaint", id);
    }
}
