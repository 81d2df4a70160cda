package dev.crmsuite.complaint.complaint;

/** Where the customer complained: every convenient channel is accepted. */
public enum Channel {
    PHONE, EMAIL, WEB, CALL_CENTRE, IN_PERSON, SOCIAL, PARTNER
}
