package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.contact.ContactBudget;
import dev.crmsuite.platform.contact.ContactRefusal;
import dev.crmsuite.platform.contact.QuietHours;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What a run does with one audience member, in this order: excluded by the contact rule (no
 * marketing consent, contact budget used up), excluded without an address the kind needs; among the
 * eligible, held out by the seeded draw; else requested now, or deferred to the end of quiet hours
 * in the customer's zone (the default zone when the customer gave none or an unknown one). The
 * holdout is drawn among eligible customers only, so recipients and holdout are comparable.
 */
public final class DeliveryDecisions {

    /** The facts about a member the decision needs. */
    public record Member(UUID customerId, boolean marketingConsent, boolean hasEmail, boolean hasPostalAddress, String timeZone) {
    }

    public record Decision(DeliveryStatus status, ExclusionReason reason, Instant dueAt) {
        static Decision excluded(ExclusionReason reason) {
            return new Decision(DeliveryStatus.EXCLUDED, reason, null);
        }
    }

    private final ContactBudget budget;
    private final QuietHours quietHours;
    private final ZoneId defaultZone;

    public DeliveryDecisions(ContactBudget budget, QuietHours quietHours, ZoneId defaultZone) {
        this.budget = budget;
        this.quietHours = quietHours;
        this.defaultZone = defaultZone;
    }

    public Decision decide(CampaignKind kind, Member member, long contactsInWindow, long holdoutSeed, double holdoutShare, Instant now) {
        ContactRefusal refusal = budget.check(member.marketingConsent(), contactsInWindow);
        if (refusal != null) {
            return Decision.excluded(ExclusionReason.valueOf(refusal.name()));
        }
        if (kind.needsPostalAddress() ? !member.hasPostalAddress() : !member.hasEmail()) {
            return Decision.excluded(ExclusionReason.NO_CONTACT_ADDRESS);
        }
        if (Holdout.heldOut(holdoutSeed, member.customerId(), holdoutShare)) {
            return new Decision(DeliveryStatus.HOLDOUT, null, null);
        }
        Instant allowed = quietHours.nextAllowed(now, zoneOf(member.timeZone()));
        return allowed.equals(now)
                ? new Decision(DeliveryStatus.REQUESTED, null, now)
                : new Decision(DeliveryStatus.DEFERRED, null, allowed);
    }

    public ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }
}
