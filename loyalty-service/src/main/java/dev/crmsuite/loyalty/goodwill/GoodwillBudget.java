package dev.crmsuite.loyalty.goodwill;

/**
 * Whether compensation points fit the goodwill budgets: a cap per complaint and a cap per customer
 * per calendar month. A request over either cap is refused whole, with the reason, rather than
 * silently trimmed: someone promised the customer a number and must learn it was not paid.
 */
public record GoodwillBudget(long maxPerComplaint, long maxPerMonth) {

    public record Verdict(boolean granted, String reason) {
    }

    /**
     * As {@link #check(long, long)}, and the points must also fit on the balance ({@code roomOnBalance}: how many
     * more the account may hold): a grant the ledger would refuse is a refusal with the reason, not a failure.
     */
    public Verdict check(long requested, long grantedThisMonth, long roomOnBalance) {
        Verdict verdict = check(requested, grantedThisMonth);
        if (verdict.granted() && requested > roomOnBalance) {
            return new Verdict(false, "requested " + requested + " points exceeds what the account may still hold ("
                    + Math.max(0, roomOnBalance) + " points)");
        }
        return verdict;
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
