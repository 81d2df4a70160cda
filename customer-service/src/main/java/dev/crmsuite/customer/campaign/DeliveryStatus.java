package dev.crmsuite.customer.campaign;

/** What happened to one audience member of a run (campaign_delivery.status). */
public enum DeliveryStatus {
    /** A rule kept the customer out; the reason is counted. */
    EXCLUDED,
    /** Eligible, but drawn into the control group that gets nothing (measured lift). */
    HOLDOUT,
    /** Eligible, but inside quiet hours in the customer's zone: requested once they end. */
    DEFERRED,
    /** Handed to the delivering system (crm.campaign.delivery-requested.v1). */
    REQUESTED,
    DELIVERED,
    BOUNCED
}
