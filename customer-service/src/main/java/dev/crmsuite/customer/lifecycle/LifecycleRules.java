package dev.crmsuite.customer.lifecycle;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The stage a customer's behaviour puts them in (six steps to loyalty). Plain rules over a few
 * facts, with every threshold passed in from configuration.
 */
public final class LifecycleRules {

    /** Thresholds (crm.customer.lifecycle.*). */
    public record Thresholds(int hesitantMinTouchpoints, int repeatBuyerMinPurchases, int stablePartnerMinPurchases,
                             int stablePartnerMinMonths, int longTermPartnerMinPurchases, int longTermPartnerMinMonths,
                             int lostAfterDaysWithoutPurchase) {
    }

    /** The facts the rules look at. Purchases fully refunded do not count. */
    public record Facts(long purchases, OffsetDateTime firstPurchaseAt, OffsetDateTime lastPurchaseAt, long touchpoints) {
    }

    public record Derived(Stage stage, String reason) {
    }

    private LifecycleRules() {
    }

    public static Derived derive(Facts f, Thresholds t, OffsetDateTime now) {
        if (f.purchases() == 0) {
            return f.touchpoints() >= t.hesitantMinTouchpoints()
                    ? new Derived(Stage.HESITANT, "in contact (" + f.touchpoints() + " touchpoints) but no purchase yet")
                    : new Derived(Stage.PROSPECT, "no purchase yet");
        }
        if (t.lostAfterDaysWithoutPurchase() > 0
                && f.lastPurchaseAt().isBefore(now.minusDays(t.lostAfterDaysWithoutPurchase()))) {
            return new Derived(Stage.LOST, "no purchase for " + t.lostAfterDaysWithoutPurchase() + " days");
        }
        long months = ChronoUnit.MONTHS.between(f.firstPurchaseAt(), now);
        if (f.purchases() >= t.longTermPartnerMinPurchases() && months >= t.longTermPartnerMinMonths()) {
            return new Derived(Stage.LONG_TERM_PARTNER, f.purchases() + " purchases over " + months + " months");
        }
        if (f.purchases() >= t.stablePartnerMinPurchases() && months >= t.stablePartnerMinMonths()) {
            return new Derived(Stage.STABLE_PARTNER, f.purchases() + " purchases over " + months + " months");
        }
        if (f.purchases() >= t.repeatBuyerMinPurchases()) {
            return new Derived(Stage.REPEAT_BUYER, f.purchases() + " purchases");
        }
        return new Derived(Stage.TRUSTING, "first purchase");
    }
}
