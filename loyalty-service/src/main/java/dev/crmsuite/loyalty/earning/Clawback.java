package dev.crmsuite.loyalty.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Points taken back for a refund, in proportion to the money returned. Computed on the running
 * refunded total rather than per refund, so several partial refunds that add up to the whole
 * purchase take back exactly what it earned, with no rounding drift.
 */
public final class Clawback {

    private Clawback() {
    }

    public static long pointsToReverse(long awarded, long alreadyReversed, BigDecimal purchaseAmount, BigDecimal refundedTotal) {
        if (awarded <= 0 || purchaseAmount.signum() <= 0) {
            return 0;
        }
        BigDecimal share = refundedTotal.min(purchaseAmount);
        long due = BigDecimal.valueOf(awarded).multiply(share)
                .divide(purchaseAmount, 0, RoundingMode.HALF_UP).longValueExact();
        return Math.max(0, Math.min(awarded, due) - alreadyReversed);
    }

    /**
     * How much of {@code due} a clawback may take now: all of it when negative balances are allowed,
     * otherwise no more than the positive balance (the rest stays visible as uncollected).
     */
    public static long collectible(long due, long balance, boolean allowNegativeBalance) {
        if (due <= 0) {
            return 0;
        }
        return allowNegativeBalance ? due : Math.min(due, Math.max(0, balance));
    }
}
