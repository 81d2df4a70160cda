package dev.crmsuite.platform.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one rule on marketing contact across the suite (docs/campaigns.md, "Contact budget"): only
 * customers who consented to marketing are contacted, and nobody more than {@code maxContacts} times
 * within any {@code period}, counting campaign deliveries and survey invitations alike, because
 * contact fatigue costs more goodwill than one more message earns. Each deciding service counts the
 * contacts it knows of (its own, plus the other services' from their events) and asks this rule;
 * the limits are configured once ({@code crm.contact.budget.*} in the platform's defaults).
 */
public final class ContactBudget {

    private final int maxContacts;
    private final Duration period;

    public ContactBudget(int maxContacts, Duration period) {
        if (maxContacts < 0) {
            throw new IllegalArgumentException("maxContacts must be >= 0");
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.maxContacts = maxContacts;
        this.period = period;
    }

    /** Built from the platform's configuration (see {@link ContactConfig}). */
    public static ContactBudget of(ContactConfig config) {
        return new ContactBudget(config.budget().maxContacts(), config.budget().period());
    }

    public int maxContacts() {
        return maxContacts;
    }

    public Duration period() {
        return period;
    }

    /** Contacts made at or after this instant count against a contact made at {@code now}. */
    public Instant windowStart(Instant now) {
        return Objects.requireNonNull(now).minus(period);
    }

    /** Null when the customer may be contacted now, else why not. */
    public ContactRefusal check(boolean marketingConsent, long contactsInWindow) {
        if (!marketingConsent) {
            return ContactRefusal.NO_MARKETING_CONSENT;
        }
        if (contactsInWindow >= maxContacts) {
            return ContactRefusal.CONTACT_BUDGET_EXHAUSTED;
        }
        return null;
    }
}
