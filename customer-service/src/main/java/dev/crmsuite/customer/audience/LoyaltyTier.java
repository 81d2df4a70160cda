package dev.crmsuite.customer.audience;

/**
 * The customer club's tiers as loyalty-service publishes them (the {@code Tier} of its events'
 * contract), lowest first. Held here because customer-service only reads them from events.
 */
public enum LoyaltyTier {
    MEMBER, SILVER, GOLD, PLATINUM
}
