package dev.crmsuite.loyalty.ledger;

/**
 * The business maximum of every points and money input, and of a balance. The bounds are chosen so
 * that no sum the service computes can leave a {@code long}: a balance stays at most
 * {@link #MAX_BALANCE} (10^12), so even the liability summed over every account (the world's
 * population of accounts at the maximum) stays below Long.MAX (about 9.2 x 10^18); one posting moves
 * at most {@link #MAX_POINTS}; a redemption costs at most MAX_POINTS x {@link #MAX_QUANTITY}.
 * The sums are computed with {@code Math.addExact}/{@code multiplyExact} all the same, so a bug in
 * these bounds fails loudly instead of wrapping.
 */
public final class PointsLimits {

    /** Most points one input may name: an adjustment, a reward's cost, a discount redemption. */
    public static final long MAX_POINTS = 1_000_000_000L;
    /** Most points one account may hold; a credit beyond it is refused (409 balance-limit). */
    public static final long MAX_BALANCE = 1_000_000_000_000L;
    /** Most units of a reward one redemption may take. */
    public static final int MAX_QUANTITY = 100;
    /** Most money one amount may name (a purchase to simulate, a voucher's value), in the installation currency. */
    public static final String MAX_AMOUNT = "1000000000";
    /** Most points one unit of currency may earn, and the largest tier or campaign multiplier. */
    public static final String MAX_RATE = "1000";

    private PointsLimits() {
    }
}
