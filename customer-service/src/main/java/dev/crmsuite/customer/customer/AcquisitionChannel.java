package dev.crmsuite.customer.customer;

/** How the customer first came to us; counted in analytics to see which channels bring customers. */
public enum AcquisitionChannel {
    STORE, WEB, PHONE, CALL_CENTRE, EVENT, REFERRAL, PARTNER, ADVERTISING, NEWSLETTER, OTHER
}
