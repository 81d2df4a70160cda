package dev.crmsuite.loyalty.config;

import io.smallrye.config.ConfigMapping;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Every number of the loyalty programme ({@code crm.loyalty.*}). The values and what each one means
 * are documented once, in {@code application.properties}; nothing here carries a hidden default.
 */
@ConfigMapping(prefix = "crm.loyalty")
public interface LoyaltyConfig {

    Points points();

    Earning earning();

    Tiers tiers();

    Redemption redemption();

    Goodwill goodwill();

    Vouchers vouchers();

    Jobs jobs();

    Analytics analytics();

    interface Points {
        int expiryMonths();

        boolean allowNegativeBalance();
    }

    /** The rule set that is in force until someone publishes another one through {@code /rules}. */
    interface Earning {
        BigDecimal pointsPerUnit();

        BigDecimal minimumPurchase();

        Map<String, BigDecimal> tierMultipliers();
    }

    interface Tiers {
        int windowMonths();

        int reviewMonths();

        Map<String, Long> thresholds();
    }

    interface Redemption {
        BigDecimal cashValuePerPoint();
    }

    interface Goodwill {
        long maxPerComplaint();

        long maxPerMonth();
    }

    interface Vouchers {
        int codeLength();

        int maxBatchSize();
    }

    interface Jobs {
        String every();

        int batchSize();
    }

    interface Analytics {
        int defaultMonths();

        /** A UTC day this long past its end is closed: its flows are read from their roll-up (LedgerDayFlows). */
        java.time.Duration closedAfter();
    }
}
