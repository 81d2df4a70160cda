package dev.crmsuite.complaint.complaint;

/** What the complaint is about; drives the starting priority and the handler team. */
public enum Category {
    PRODUCT, SERVICE, DELIVERY, BILLING, STAFF, OTHER
}
