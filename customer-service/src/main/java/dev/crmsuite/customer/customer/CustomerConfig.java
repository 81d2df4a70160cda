package dev.crmsuite.customer.customer;

import io.smallrye.config.ConfigMapping;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Every business number of the customer domain ({@code crm.customer.*}). The defaults and what
 * each one means are in application.properties, documented there once.
 */
@ConfigMapping(prefix = "crm.customer")
public interface CustomerConfig {

    Profile profile();

    Segment segment();

    Value value();

    Lifecycle lifecycle();

    FollowUp followUp();

    interface Profile {
        String defaultCountryCode();

        int attributesMaxBytes();

        int maxTags();
    }

    interface Segment {
        double priceSensitiveDiscountShare();

        int relationshipPurchasesPerYear();

        int minPurchasesToDerive();

        BigDecimal keyAccountLifetimeValue();

        int transactionalPriorityBoost();

        int indifferentPriorityBoost();

        int relationalPriorityBoost();

        int keyAccountPriorityBoost();
    }

    interface Value {
        String currency();

        double tierAShare();

        double tierBShare();

        int expectedYears();

        String recomputeCron();

        int bulkBatch();
    }

    interface Lifecycle {
        int hesitantMinTouchpoints();

        int repeatBuyerMinPurchases();

        int stablePartnerMinPurchases();

        int stablePartnerMinMonths();

        int longTermPartnerMinPurchases();

        int longTermPartnerMinMonths();

        int lostAfterDaysWithoutPurchase();
    }

    interface FollowUp {
        BigDecimal highValueThreshold();

        List<Integer> highValueCallDays();

        /** A high-value call already due when its purchase is recorded is made (due now) only if missed by less than this. */
        Duration missedCallGrace();

        BigDecimal smallPurchaseMax();

        int dailySampleSize();

        String dailySampleCron();

        Duration urgentWithin();

        String defaultOwner();

        ZoneId zone();
    }
}
