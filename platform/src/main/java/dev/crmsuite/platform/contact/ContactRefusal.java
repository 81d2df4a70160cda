package dev.crmsuite.platform.contact;

/** Why a customer is not contacted by a campaign or a survey invitation. */
public enum ContactRefusal {
    /** The customer gave no marketing consent (or is not known to the deciding service). */
    NO_MARKETING_CONSENT,
    /** The customer already had the allowed number of contacts, from any service, in the budget period. */
    CONTACT_BUDGET_EXHAUSTED
}
