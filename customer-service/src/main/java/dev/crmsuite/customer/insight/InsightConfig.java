package dev.crmsuite.customer.insight;

import io.smallrye.config.ConfigMapping;

/** The numbers of the insights (crm.insight.*); defaults and meaning in application.properties. */
@ConfigMapping(prefix = "crm.insight")
public interface InsightConfig {

    Duplicates duplicates();

    Risk risk();

    Suggestions suggestions();

    interface Duplicates {
        double phoneWeight();

        double emailWeight();

        double emailLocalPartWeight();

        double emailDomainWeight();

        double nameWeight();

        double nameMinSimilarity();

        double addressWeight();

        double minScore();

        /** Most look-alikes read per customer before scoring, in each look-up (phone or postal code, mailbox, similar name). */
        int maxLookups();

        /** How often the duplicate sweep checks its next batch ("off" disables it). */
        String sweepEvery();

        /** Customers checked per sweep tick. */
        int sweepBatch();

        /** Rest between the end of one sweep pass and the start of the next. */
        java.time.Duration sweepRestAfterPass();

        default LookAlikes.Weights weights() {
            return new LookAlikes.Weights(phoneWeight(), emailWeight(), emailLocalPartWeight(), emailDomainWeight(), nameWeight(),
                    nameMinSimilarity(), addressWeight(), minScore());
        }
    }

    interface Risk {
        double mediumOverdueFactor();

        double highOverdueFactor();

        int singlePurchaseSilentDays();

        int detractorMaxNps();

        String sweepCron();

        default RiskModel.Thresholds thresholds() {
            return new RiskModel.Thresholds(mediumOverdueFactor(), highOverdueFactor(), singlePurchaseSilentDays(), detractorMaxNps());
        }
    }

    interface Suggestions {
        int max();

        int minBasketsTogether();

        double upSellBelowMedianShare();

        /** How often {@link SuggestionCounts} checks whether its counts are stale ("off": never; tests refresh by hand). */
        String countsCheckEvery();

        /** Oldest basket counts a suggestion may use before they are made again. */
        java.time.Duration countsMaxAge();
    }
}
