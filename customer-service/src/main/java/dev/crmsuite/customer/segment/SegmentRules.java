package dev.crmsuite.customer.segment;

/**
 * Price sensitivity x relationship orientation -> segment, and the KEY_ACCOUNT promotion. Plain
 * rules, no framework: the table of the domain brief in code.
 */
public final class SegmentRules {

    private SegmentRules() {
    }

    /**
     * @param keyAccountByStaff staff promoted the customer
     * @param valueAboveThreshold lifetime value reaches the configured key-account threshold
     * @param hasAccountManager a key account must have a dedicated person or team
     * @return the segment, or null while the orientation (or, for LOW orientation, the sensitivity) is unknown
     */
    public static Segment segment(Level priceSensitivity, Level relationshipOrientation, boolean keyAccountByStaff,
                                  boolean valueAboveThreshold, boolean hasAccountManager) {
        if (relationshipOrientation == null) {
            return null;
        }
        if (relationshipOrientation == Level.HIGH) {
            return (keyAccountByStaff || valueAboveThreshold) && hasAccountManager ? Segment.KEY_ACCOUNT : Segment.RELATIONAL;
        }
        if (priceSensitivity == null) {
            return null;
        }
        return priceSensitivity == Level.HIGH ? Segment.TRANSACTIONAL : Segment.INDIFFERENT;
    }

    /** Price-sensitive when the share of purchases made on discount reaches the threshold. */
    public static Level priceSensitivity(long purchases, long discounted, int minPurchases, double discountShare) {
        if (purchases < minPurchases || purchases == 0) {
            return null;
        }
        return (double) discounted / purchases >= discountShare ? Level.HIGH : Level.LOW;
    }

    /** Relationship-oriented when the repeat rate (purchases in the last 12 months) reaches the threshold. */
    public static Level relationshipOrientation(long purchases, long purchasesLast12Months, int minPurchases, int perYear) {
        if (purchases < minPurchases) {
            return null;
        }
        return purchasesLast12Months >= perYear ? Level.HIGH : Level.LOW;
    }
}
