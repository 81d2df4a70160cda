package dev.crmsuite.customer.campaign;

/** Where a campaign is in its life; {@link CampaignStates} says which moves are allowed. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED
}
