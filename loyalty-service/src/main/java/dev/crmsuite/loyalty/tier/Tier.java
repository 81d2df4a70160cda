package dev.crmsuite.loyalty.tier;

/** Club levels, lowest first: the declaration order is the ranking. */
public enum Tier {
    MEMBER, SILVER, GOLD, PLATINUM;

    public boolean above(Tier other) {
        return compareTo(other) > 0;
    }
}
