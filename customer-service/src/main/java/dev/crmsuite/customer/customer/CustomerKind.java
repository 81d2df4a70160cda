package dev.crmsuite.customer.customer;

/** A customer is a person or a company (for B2B accounts). */
public enum CustomerKind {
    PERSON, COMPANY
}
