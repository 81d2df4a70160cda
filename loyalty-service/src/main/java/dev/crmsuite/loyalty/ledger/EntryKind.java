package dev.crmsuite.loyalty.ledger;

/** Why points moved. The sign of an entry's points says which way; the kind says why. */
public enum EntryKind {
    /** Points for a purchase, by the earning rules. */
    EARN,
    /** Points spent on a reward or a discount. */
    REDEEM,
    /** A lot reached its expiry date unused. */
    EXPIRE,
    /** A manual correction (either sign), or a transfer between merged accounts. */
    ADJUST,
    /** Compensation, e.g. for a complaint. */
    GOODWILL,
    /** Points taken back because the purchase was refunded. */
    REVERSAL,
    /** A manual or promotional bonus. */
    BONUS;

    /** Counts toward lifetime earned points. */
    public boolean earns() {
        return this == EARN || this == GOODWILL || this == BONUS;
    }
}
