package dev.crmsuite.customer.lifecycle;

/** Why a customer left; counted by /analytics/lost-customers to learn what to improve. */
public enum LostReason {
    PRICE, QUALITY, SERVICE, COMPETITOR, MOVED, OTHER
}
