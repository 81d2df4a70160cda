package dev.crmsuite.customer.insight;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * How good the risk rule is, judged on history: the rule is run as of a past date on what was known
 * then (purchases before it, complaints filed and not yet resolved then), and its HIGH customers are
 * compared with those who actually stopped buying: no purchase in the {@code horizonDays} after the
 * date. Precision: the share of HIGH customers who stopped; recall: the share of those who stopped
 * that were HIGH. Customers who had not bought before the date are left out (no rhythm to judge).
 */
public final class RiskBacktest {

    /** One customer's history: every purchase time (not fully refunded), and complaint times. */
    public record History(UUID customerId, List<OffsetDateTime> purchases, List<OffsetDateTime[]> complaints) {
    }

    @Schema(name = "RiskBacktest", description = "Precision and recall of the risk rule run as of a past date")
    public record Result(OffsetDateTime asOf, @Schema(examples = "90") int horizonDays,
                         @Schema(description = "Customers who had bought before asOf", examples = "1200") int customers,
                         @Schema(description = "Of which HIGH as of asOf", examples = "150") int flaggedHigh,
                         @Schema(description = "Of which made no purchase in the horizon", examples = "200") int stopped,
                         @Schema(examples = "120") int truePositives,
                         @Schema(description = "HIGH customers who then stopped buying", examples = "0.800") BigDecimal precision,
                         @Schema(description = "Customers who stopped buying that were HIGH", examples = "0.600") BigDecimal recall) {
    }

    private RiskBacktest() {
    }

    public static Result run(List<History> histories, OffsetDateTime asOf, int horizonDays, RiskModel.Thresholds thresholds) {
        Tally tally = new Tally(asOf, horizonDays, thresholds);
        histories.forEach(tally::add);
        return tally.result();
    }

    /**
     * The counts so far, fed one customer at a time: a backtest over a million customers keeps four
     * numbers, not their histories.
     */
    public static final class Tally {
        private final OffsetDateTime asOf;
        private final int horizonDays;
        private final OffsetDateTime end;
        private final RiskModel.Thresholds thresholds;
        private int customers;
        private int flagged;
        private int stopped;
        private int hits;

        public Tally(OffsetDateTime asOf, int horizonDays, RiskModel.Thresholds thresholds) {
            this.asOf = asOf;
            this.horizonDays = horizonDays;
            this.end = asOf.plusDays(horizonDays);
            this.thresholds = thresholds;
        }

        public void add(History h) {
            List<OffsetDateTime> before = h.purchases().stream().filter(p -> p.isBefore(asOf)).toList();
            if (before.isEmpty()) {
                return;
            }
            customers++;
            int unresolved = (int) h.complaints().stream()
                    .filter(c -> c[0] != null && c[0].isBefore(asOf) && (c[1] == null || !c[1].isBefore(asOf))).count();
            RiskModel.Assessment a = RiskModel.assess(new RiskModel.Inputs(before, BigDecimal.ZERO, unresolved, null), asOf, thresholds);
            boolean high = a.level() == RiskModel.Level.HIGH;
            boolean stop = h.purchases().stream().noneMatch(p -> !p.isBefore(asOf) && p.isBefore(end));
            flagged += high ? 1 : 0;
            stopped += stop ? 1 : 0;
            hits += high && stop ? 1 : 0;
        }

        public Result result() {
            return new Result(asOf, horizonDays, customers, flagged, stopped, hits,
                    DuplicateBacktest.ratio(hits, flagged), DuplicateBacktest.ratio(hits, stopped));
        }
    }
}
