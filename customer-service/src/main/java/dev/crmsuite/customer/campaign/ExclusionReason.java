package dev.crmsuite.customer.campaign;

/** Why an audience member got nothing (campaign_delivery.exclusion_reason). */
public enum ExclusionReason {
    NO_MARKETING_CONSENT,
    CONTACT_BUDGET_EXHAUSTED,
    /** No email for a NEWSLETTER, OFFER or EVENT_INVITATION, no postal address for a LETTER. */
    NO_CONTACT_ADDRESS,
    /** Erased before a deferred delivery was requested. */
    ERASED
}
