package dev.crmsuite.customer.insight;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How good the suggestions are, judged on history: each customer's last basket is hidden, the model
 * is built from everyone's earlier baskets, and a customer is a hit at k when one of the first k
 * suggestions is in the hidden basket (among the products they had not bought before). The baseline
 * suggests the most popular products they had not bought. Customers whose last basket holds nothing
 * new are left out (nothing to guess).
 */
public final class SuggestionBacktest {

    /** One customer's baskets in time order (SKUs per purchase) and segment (may be null). */
    public record CustomerBaskets(UUID customerId, String segment, List<Set<String>> baskets) {
    }

    @Schema(name = "SuggestionBacktest", description = "Hit rate at 3 and 5 of the suggestions against a most-popular baseline")
    public record Result(@Schema(description = "Customers whose hidden last basket held a product new to them", examples = "800") int customers,
                         @Schema(examples = "0.310") BigDecimal hitRateAt3, @Schema(examples = "0.420") BigDecimal hitRateAt5,
                         @Schema(description = "Most popular products not yet bought", examples = "0.120") BigDecimal baselineAt3,
                         @Schema(examples = "0.180") BigDecimal baselineAt5) {
    }

    private SuggestionBacktest() {
    }

    public static Result run(List<CustomerBaskets> customers, int minTogether) {
        Training training = new Training();
        customers.forEach(training::add);
        Scoring scoring = training.scoring(minTogether);
        customers.forEach(scoring::add);
        return scoring.result();
    }

    /**
     * First pass: the model from everyone's baskets but their last, fed one customer at a time. What
     * it keeps grows with the products and segments, not with the customers.
     */
    public static final class Training {
        private long total;
        private final Map<String, Long> perProduct = new HashMap<>();
        private final Map<String, Map<String, Long>> together = new HashMap<>();
        private final Map<String, Long> segmentCustomers = new HashMap<>();
        private final Map<String, Map<String, Long>> segmentBuyers = new HashMap<>();

        public void add(CustomerBaskets c) {
            List<Set<String>> training = c.baskets().subList(0, Math.max(0, c.baskets().size() - 1));
            Set<String> bought = new HashSet<>();
            for (Set<String> basket : training) {
                total++;
                for (String x : basket) {
                    perProduct.merge(x, 1L, Long::sum);
                    for (String y : basket) {
                        if (!x.equals(y)) {
                            together.computeIfAbsent(x, k -> new HashMap<>()).merge(y, 1L, Long::sum);
                        }
                    }
                }
                bought.addAll(basket);
            }
            if (c.segment() != null && !bought.isEmpty()) {
                segmentCustomers.merge(c.segment(), 1L, Long::sum);
                bought.forEach(sku -> segmentBuyers.computeIfAbsent(c.segment(), k -> new HashMap<>()).merge(sku, 1L, Long::sum));
            }
        }

        public Scoring scoring(int minTogether) {
            return new Scoring(this, minTogether);
        }
    }

    /** Second pass: each customer's hidden last basket against the trained model, fed one customer at a time. */
    public static final class Scoring {
        private final Training training;
        private final SuggestionModel.Baskets model;
        private final List<String> popular;
        private final int minTogether;
        private int evaluated;
        private int hit3;
        private int hit5;
        private int base3;
        private int base5;

        private Scoring(Training training, int minTogether) {
            this.training = training;
            this.minTogether = minTogether;
            this.model = new SuggestionModel.Baskets(training.total, training.perProduct, training.together);
            List<String> popular = new ArrayList<>(training.perProduct.keySet());
            popular.sort(Comparator.comparing((String sku) -> training.perProduct.get(sku)).reversed().thenComparing(sku -> sku));
            this.popular = popular;
        }

        public void add(CustomerBaskets c) {
            if (c.baskets().size() < 2) {
                return;
            }
            Set<String> owned = new HashSet<>();
            c.baskets().subList(0, c.baskets().size() - 1).forEach(owned::addAll);
            Set<String> hidden = new HashSet<>(c.baskets().getLast());
            hidden.removeAll(owned);
            if (hidden.isEmpty() || owned.isEmpty()) {
                return;
            }
            evaluated++;
            SuggestionModel.SegmentBuyers segment = c.segment() == null ? null
                    : new SuggestionModel.SegmentBuyers(c.segment(), training.segmentCustomers.getOrDefault(c.segment(), 0L),
                            training.segmentBuyers.getOrDefault(c.segment(), Map.of()));
            List<String> suggested = SuggestionModel.suggest(owned, model, segment, 5, minTogether).stream()
                    .map(SuggestionModel.Suggestion::sku).toList();
            List<String> baseline = popular.stream().filter(sku -> !owned.contains(sku)).limit(5).toList();
            hit3 += hit(suggested, hidden, 3) ? 1 : 0;
            hit5 += hit(suggested, hidden, 5) ? 1 : 0;
            base3 += hit(baseline, hidden, 3) ? 1 : 0;
            base5 += hit(baseline, hidden, 5) ? 1 : 0;
        }

        public Result result() {
            return new Result(evaluated, DuplicateBacktest.ratio(hit3, evaluated), DuplicateBacktest.ratio(hit5, evaluated),
                    DuplicateBacktest.ratio(base3, evaluated), DuplicateBacktest.ratio(base5, evaluated));
        }
    }

    private static boolean hit(List<String> ranked, Set<String> hidden, int k) {
        return ranked.stream().limit(k).anyMatch(hidden::contains);
    }
}
