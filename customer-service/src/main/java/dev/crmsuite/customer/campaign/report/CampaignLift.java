package dev.crmsuite.customer.campaign.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The measured lift of a campaign: what recipients bought per customer in the measurement window
 * against the random holdout, who were sent nothing. Because the holdout was drawn at random from the
 * same audience, the difference of the means estimates what the campaign caused.
 *
 * <p>Each outcome (purchases per customer, net revenue per customer, converted yes/no) is compared as
 * a difference of means with a 95% confidence interval by the normal approximation with unpooled
 * (Welch) variances: {@code diff ± 1.96 · sqrt(s1²/n1 + s2²/n2)}, {@code s²} the sample variance
 * ({@code n - 1} in the denominator). With fewer than 2 customers in a group there is no variance, so no
 * interval; with none, no mean either.
 *
 * <p>The input is each group's sums over customers (count, Σx, Σx² per outcome), summed exactly in SQL
 * ({@code numeric}), so a large audience is never shipped here row by row.
 */
public final class CampaignLift {

    /** z for a two-sided 95% interval. */
    static final BigDecimal Z95 = new BigDecimal("1.96");
    private static final MathContext MC = MathContext.DECIMAL128;

    /**
     * One group's sums: {@code customers}, Σ purchases, Σ purchases², Σ net revenue, Σ net revenue², and
     * how many customers bought at least once (their Σ of a 0/1 outcome, which equals its Σ of squares).
     */
    public record GroupSums(long customers, BigDecimal purchases, BigDecimal purchasesSquared, BigDecimal revenue,
                            BigDecimal revenueSquared, long converted) {
        public static final GroupSums EMPTY = new GroupSums(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** One group's means: purchases and net revenue per customer, share of customers who bought. Null without customers. */
    public record GroupOutcome(long customers, BigDecimal purchasesPerCustomer, BigDecimal revenuePerCustomer, BigDecimal conversionRate) {
    }

    /** recipients - holdout, with its 95% interval (null bounds when a group has fewer than 2 customers). */
    public record Difference(BigDecimal estimate, BigDecimal low, BigDecimal high) {
    }

    public record Lift(GroupOutcome recipients, GroupOutcome holdout, Difference purchasesPerCustomer,
                       Difference revenuePerCustomer, Difference conversionRate) {
    }

    /** Scales of the answer: counts per customer and rates to 4 places, money to 2. */
    static final int RATE_SCALE = 4;
    static final int MONEY_SCALE = 2;

    private CampaignLift() {
    }

    public static Lift of(GroupSums recipients, GroupSums holdout) {
        BigDecimal rConverted = BigDecimal.valueOf(recipients.converted());
        BigDecimal hConverted = BigDecimal.valueOf(holdout.converted());
        return new Lift(outcome(recipients), outcome(holdout),
                difference(recipients.customers(), recipients.purchases(), recipients.purchasesSquared(),
                        holdout.customers(), holdout.purchases(), holdout.purchasesSquared(), RATE_SCALE),
                difference(recipients.customers(), recipients.revenue(), recipients.revenueSquared(),
                        holdout.customers(), holdout.revenue(), holdout.revenueSquared(), MONEY_SCALE),
                // a 0/1 outcome: x² = x, so Σx² is the number converted too
                difference(recipients.customers(), rConverted, rConverted, holdout.customers(), hConverted, hConverted, RATE_SCALE));
    }

    static GroupOutcome outcome(GroupSums g) {
        if (g.customers() == 0) {
            return new GroupOutcome(0, null, null, null);
        }
        BigDecimal n = BigDecimal.valueOf(g.customers());
        return new GroupOutcome(g.customers(), g.purchases().divide(n, RATE_SCALE, RoundingMode.HALF_UP),
                g.revenue().divide(n, MONEY_SCALE, RoundingMode.HALF_UP),
                BigDecimal.valueOf(g.converted()).divide(n, RATE_SCALE, RoundingMode.HALF_UP));
    }

    /** Difference of two means from their sums, with the Welch/normal 95% interval, rounded to {@code scale} at the end. */
    static Difference difference(long n1, BigDecimal sum1, BigDecimal squares1, long n2, BigDecimal sum2, BigDecimal squares2, int scale) {
        if (n1 == 0 || n2 == 0) {
            return new Difference(null, null, null);
        }
        BigDecimal estimate = mean(n1, sum1).subtract(mean(n2, sum2), MC);
        if (n1 < 2 || n2 < 2) {
            return new Difference(round(estimate, scale), null, null);
        }
        BigDecimal standardError = variance(n1, sum1, squares1).divide(BigDecimal.valueOf(n1), MC)
                .add(variance(n2, sum2, squares2).divide(BigDecimal.valueOf(n2), MC), MC).sqrt(MC);
        BigDecimal margin = Z95.multiply(standardError, MC);
        return new Difference(round(estimate, scale), round(estimate.subtract(margin, MC), scale), round(estimate.add(margin, MC), scale));
    }

    static BigDecimal mean(long n, BigDecimal sum) {
        return sum.divide(BigDecimal.valueOf(n), MC);
    }

    /** Sample variance from sums: (Σx² - (Σx)²/n) / (n - 1); never below 0 (rounding of equal values). */
    static BigDecimal variance(long n, BigDecimal sum, BigDecimal squares) {
        BigDecimal v = squares.subtract(sum.multiply(sum, MC).divide(BigDecimal.valueOf(n), MC), MC)
                .divide(BigDecimal.valueOf(n - 1), MC);
        return v.signum() < 0 ? BigDecimal.ZERO : v;
    }

    private static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP);
    }
}
