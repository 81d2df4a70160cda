package dev.crmsuite.loyalty.goodwill;

/**
 * Whether compensation points fit the goodwill budgets: a cap per complaint and a cap per customer
 * per calendar month. A request over either cap is refused whole, with the reason, rather than
 * silently trimmed: someone promised the customer a number and must learn it was not paid.
 */
public record GoodwillBudget(long maxPerComplaint, long maxPerMonth) {

    public record Verdict(boolean granted, String reason) {
    }

    public Verdict check(long requested, long grantedThisMonth) {
        if (requested <= 0) {
            return new Verdict(false, "no compensation points requested");
        }
        if (requested > maxPerComplaint) {
            return new Verdict(false, "requested " + requested + " points exceeds the per-complaint budget of " + maxPerComplaint);
        }
        if (grantedThisMonth + requested > maxPerMonth) {
            return new Verdict(false, "requested " + requested + " points exceeds the monthly budget of " + maxPerMonth
                    + " (already granted this month: " + grantedThisMonth + ")");
        }
        return new Verdict(true, null);
    }
}
