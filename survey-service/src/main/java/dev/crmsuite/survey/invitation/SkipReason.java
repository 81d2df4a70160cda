package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.contact.ContactRefusal;

/**
 * Why an invitation was not sent: the {@code reason} of {@code crm.survey.invitation.skipped.v1}.
 * The survey's own contract, mapped from the platform's contact rule, so a new platform refusal
 * cannot silently change what this event carries.
 */
public enum SkipReason {
    /** The customer gave no marketing consent (or is not known to this service at all). */
    NO_MARKETING_CONSENT,
    /** The customer already had the allowed number of contacts (invitations and campaign deliveries) in the budget period. */
    CONTACT_BUDGET_EXHAUSTED;

    /** The skip reason for the platform rule's refusal; null (may be contacted) stays null. */
    public static SkipReason of(ContactRefusal refusal) {
        if (refusal == null) {
            return null;
        }
        return switch (refusal) {
            case NO_MARKETING_CONSENT -> NO_MARKETING_CONSENT;
            case CONTACT_BUDGET_EXHAUSTED -> CONTACT_BUDGET_EXHAUSTED;
        };
    }
}
