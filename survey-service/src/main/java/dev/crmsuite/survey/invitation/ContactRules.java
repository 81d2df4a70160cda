package dev.crmsuite.survey.invitation;

/**
 * Whom we may ask: only customers who consented to marketing contact, and no one more than
 * {@code maxInvitations} times per budget period across all surveys, because survey fatigue
 * costs more goodwill than one more answer is worth.
 */
public final class ContactRules {

    private ContactRules() {
    }

    /** Null when the invitation may be sent, else why not. */
    public static SkipReason check(boolean marketingConsent, long invitationsInPeriod, int maxInvitations) {
        if (!marketingConsent) {
            return SkipReason.NO_MARKETING_CONSENT;
        }
        if (invitationsInPeriod >= maxInvitations) {
            return SkipReason.CONTACT_BUDGET_EXHAUSTED;
        }
        return null;
    }
}
