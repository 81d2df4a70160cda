package dev.crmsuite.customer.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to offer a customer next, from what customers buy together. For a product the customer has
 * not bought, each product they have bought gives a rule "bought X, also buys Y": its support (share
 * of all baskets holding both), confidence (share of X's baskets holding Y) and lift (confidence over
 * Y's own share of baskets; above 1, X makes Y likelier). The best rule's confidence is weighted
 * with the share of the customer's segment who bought Y (their peers' behaviour):
 * {@code score = 0.7 x confidence + 0.3 x segmentShare}. Rules seen in fewer than
 * {@code minTogether} baskets, or with lift at most 1, are noise and ignored; a product no rule
 * supports can still come from the segment alone.
 */
public final class SuggestionModel {

    static final double RULE_WEIGHT = 0.7;
    static final double SEGMENT_WEIGHT = 0.3;

    /** Basket counts: all baskets, per product, and per pair (owned product, candidate). */
    public record Baskets(long total, Map<String, Long> perProduct, Map<String, Map<String, Long>> together) {
    }

    /** The customer's segment: how many of its buying customers bought each product. */
    public record SegmentBuyers(String segment, long customers, Map<String, Long> perProduct) {
    }

    public record Suggestion(String sku, BigDecimal score, String basedOn, BigDecimal support, BigDecimal confidence, BigDecimal lift,
                             BigDecimal segmentShare, String reason) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "UpSellHint")
    public record UpSell(BigDecimal revenue12Months, BigDecimal segmentMedian, String reason) {
    }

    private SuggestionModel() {
    }

    public static List<Suggestion> suggest(Set<String> owned, Baskets baskets, SegmentBuyers segment, int max, int minTogether) {
        List<Suggestion> out = new ArrayList<>();
        java.util.Set<String> candidates = new java.util.TreeSet<>(baskets.perProduct().keySet());
        candidates.removeAll(owned);
        for (String y : candidates) {
            double share = segment == null || segment.customers() == 0 ? 0
                    : (double) segment.perProduct().getOrDefault(y, 0L) / segment.customers();
            String best = null;
            double bestConfidence = 0;
            double bestLift = 0;
            long bestTogether = 0;
            for (String x : new java.util.TreeSet<>(owned)) {
                long both = baskets.together().getOrDefault(x, Map.of()).getOrDefault(y, 0L);
                long ofX = baskets.perProduct().getOrDefault(x, 0L);
                long ofY = baskets.perProduct().getOrDefault(y, 0L);
                if (both < minTogether || ofX == 0 || ofY == 0) {
                    continue;
                }
                double confidence = (double) both / ofX;
                double lift = confidence / ((double) ofY / baskets.total());
                if (lift > 1 && confidence > bestConfidence) {
                    best = x;
                    bestConfidence = confidence;
                    bestLift = lift;
                    bestTogether = both;
                }
            }
            if (best == null && share == 0) {
                continue;
            }
            double score = RULE_WEIGHT * bestConfidence + SEGMENT_WEIGHT * share;
            List<String> why = new ArrayList<>();
            if (best != null) {
                why.add("bought together with " + best + " in " + bestTogether + " of " + baskets.perProduct().get(best)
                        + " baskets that hold it (lift " + round(bestLift, 2).toPlainString() + ")");
            }
            if (share > 0) {
                why.add(percent(share) + " of " + segment.segment() + " customers bought it");
            }
            out.add(new Suggestion(y, round(score, 3), best,
                    best == null ? null : round((double) bestTogether / baskets.total(), 3),
                    best == null ? null : round(bestConfidence, 3), best == null ? null : round(bestLift, 3),
                    round(share, 3), String.join("; ", why)));
        }
        out.sort(Comparator.comparing(Suggestion::score).reversed().thenComparing(Suggestion::sku));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : List.copyOf(out);
    }

    /**
     * An up-sell hint when the customer spends less than {@code belowShare} of their segment's median
     * 12-month revenue: there is room to grow their share of wallet.
     */
    public static UpSell upSell(BigDecimal revenue12Months, String segment, BigDecimal segmentMedian, double belowShare) {
        if (segment == null || segmentMedian == null || segmentMedian.signum() <= 0
                || revenue12Months.compareTo(segmentMedian.multiply(BigDecimal.valueOf(belowShare))) >= 0) {
            return null;
        }
        BigDecimal median = segmentMedian.setScale(2, RoundingMode.HALF_UP);
        BigDecimal own = revenue12Months.setScale(2, RoundingMode.HALF_UP);
        return new UpSell(own, median, "spends " + own.toPlainString() + " a year; " + segment + " customers typically spend "
                + median.toPlainString() + " (median)");
    }

    static String percent(double share) {
        return BigDecimal.valueOf(share * 100).setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static BigDecimal round(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
