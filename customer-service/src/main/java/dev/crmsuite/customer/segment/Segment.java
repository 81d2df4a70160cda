package dev.crmsuite.customer.segment;

/** Segments by price sensitivity x relationship orientation (the Dell example in the domain brief). */
public enum Segment {
    /** Price-sensitive, no relationship wanted: "here is the price, take it or leave it". */
    TRANSACTIONAL,
    /** Neither price-sensitive nor wanting a relationship: business as usual. */
    INDIFFERENT,
    /** Wants a relationship (price sensitivity either way): senior staff, more benefits. */
    RELATIONAL,
    /** Picked from RELATIONAL: one dedicated person or team. */
    KEY_ACCOUNT
}
