package dev.crmsuite.survey.invitation;

/** Why an invitation was not sent. */
public enum SkipReason {
    /** The customer gave no marketing consent (or is not known to this service at all). */
    NO_MARKETING_CONSENT,
    /** The customer already got the allowed number of invitations in the budget period. */
    CONTACT_BUDGET_EXHAUSTED
}
