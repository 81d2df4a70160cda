package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Which customers a partner caller may see: those who consented to partner sharing and are still a
 * live record (not merged into another, not erased). Customer-service owns the consent, so it
 * reads it from the customer row itself rather than from the platform's {@code PartnerConsents} copy.
 *
 * <p>A hidden customer, and everything that belongs to one, answers exactly as an unknown id does:
 * single lookups go through {@link Customers} (which asks {@link #hidden(Customer)}), lists and
 * searches add {@link #visibleSql} or {@link #VISIBLE_CUSTOMER_ID_JPQL} to their query when
 * {@link #partnerCalling()}, so pages are full and cursors come from visible rows only. Staff see
 * every customer.
 */
@ApplicationScoped
public class PartnerVisibility {

    /**
     * JPQL condition on an entity's customer id attribute ({@code %s}): the customer is visible to
     * partners.
     */
    public static final String VISIBLE_CUSTOMER_ID_JPQL = "%s in (select pv.id from Customer pv where pv.mergedInto is null"
            + " and pv.erasedAt is null and pv.consentPartnerSharing = true)";

    private final Callers callers;

    public PartnerVisibility(Callers callers) {
        this.callers = callers;
    }

    /** SQL condition: the {@code customer} row aliased {@code alias} is visible to partners. */
    public static String visibleSql(String alias) {
        return "(" + alias + ".merged_into is null and " + alias + ".erased_at is null and " + alias + ".consent_partner_sharing)";
    }

    /** SQL condition: the customer whose id (uuid) is in {@code idExpression} exists and is visible to partners. */
    public static String visibleIdSql(String idExpression) {
        return "exists (select 1 from customer pv where pv.id = " + idExpression + " and " + visibleSql("pv") + ")";
    }

    /** JPQL condition for an entity attribute holding a customer id. */
    public static String visibleIdJpql(String attribute) {
        return VISIBLE_CUSTOMER_ID_JPQL.formatted(attribute);
    }

    public static boolean visibleToPartners(Customer c) {
        return c.mergedInto == null && !c.erased() && c.consentPartnerSharing;
    }

    /** Whether the current request comes from a partner, whose queries must be filtered. */
    public boolean partnerCalling() {
        return callers.partnerCalling();
    }

    /** Whether the caller is a partner and may not see this customer (null = unknown, also hidden). */
    public boolean hidden(Customer c) {
        return partnerCalling() && (c == null || !visibleToPartners(c));
    }

    /** {@link #hidden(Customer)} by id, for objects that only carry their customer's id. */
    public boolean hidden(UUID customerId) {
        return partnerCalling() && (customerId == null || hidden((Customer) Customer.findById(customerId)));
    }
}
