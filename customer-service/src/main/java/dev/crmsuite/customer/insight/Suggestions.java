package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A customer's suggestions: what they bought (their purchase items, read live) against the basket
 * counts {@link SuggestionCounts} keeps (recomputed daily and when the purchases grew by a tenth), put
 * through {@link SuggestionModel}. Only the counts that can matter are read: the pairs starting from
 * the customer's products and the segment's most bought products (a product no pair supports scores
 * by its segment share alone, so only the top of that list can make the page), which keeps a request
 * to a few index look-ups whatever the number of customers and products.
 */
@ApplicationScoped
public class Suggestions {

    @Schema(name = "CustomerSuggestions", description = "What to offer this customer next, and why")
    public record View(
            @Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID customerId,
            @Schema(examples = "RELATIONAL") String segment,
            @Schema(description = "Cross-sell: products not yet bought, best first") List<Item> items,
            @Schema(description = "Up-sell hint when spending is below the segment's typical level; absent otherwise") SuggestionModel.UpSell upSell,
            @Schema(description = "When the basket counts behind the suggestions were made; null before the first count (no suggestions then)",
                    examples = "2026-12-03T02:45:00Z") OffsetDateTime countsAsOf) {
    }

    @Schema(name = "ProductSuggestion")
    public record Item(@Schema(examples = "HDMI-2M") String sku,
                       @Schema(examples = "HDMI cable 2 m") String name,
                       @Schema(description = "0.7 x confidence of the best rule + 0.3 x share of the segment who bought it", examples = "0.617") BigDecimal score,
                       @Schema(description = "The customer's product the rule starts from; absent when only the segment suggests it", examples = "TV-55-OLED") String basedOn,
                       @Schema(description = "Share of all baskets holding both", examples = "0.400") BigDecimal support,
                       @Schema(description = "Share of basedOn's baskets also holding this product", examples = "0.667") BigDecimal confidence,
                       @Schema(description = "Confidence over this product's own share of baskets (above 1: basedOn makes it likelier)", examples = "1.111") BigDecimal lift,
                       @Schema(description = "Share of the customer's segment who bought it", examples = "0.500") BigDecimal segmentShare,
                       @Schema(examples = "bought together with TV-55-OLED in 2 of 3 baskets that hold it (lift 1.11); 50% of RELATIONAL customers bought it") String reason) {
    }

    private static final String OWNED = """
            select distinct i ->> 'sku' from purchase p
            cross join lateral jsonb_array_elements(case when jsonb_typeof(p.items) = 'array' then p.items else '[]' end) i
            where p.customer_id = ?1 and p.refunded_amount < p.amount and i ->> 'sku' is not null order by 1""";
    /** The skus of a JSON array parameter, for "sku in (...)" without binding a SQL array. */
    private static final String SKUS = "(select jsonb_array_elements_text(cast(?1 as jsonb)))";

    private final EntityManager em;
    private final InsightConfig config;
    private final SuggestionCounts counts;

    public Suggestions(EntityManager em, InsightConfig config, SuggestionCounts counts) {
        this.em = em;
        this.config = config;
        this.counts = counts;
    }

    public View of(Customer c) {
        SuggestionCounts.State state = counts.state();
        if (state == null) {
            return new View(c.id, c.segment, List.of(), null, null);
        }
        InsightConfig.Suggestions cfg = config.suggestions();
        @SuppressWarnings("unchecked")
        Set<String> owned = new LinkedHashSet<>(em.createNativeQuery(OWNED).setParameter(1, c.id).getResultList());
        Map<String, Map<String, Long>> together = new HashMap<>();
        Set<String> candidates = new TreeSet<>();
        if (!owned.isEmpty()) {
            for (Tuple t : tuples("select sku as x, other_sku as y, baskets as n from suggestion_pair where sku in " + SKUS, json(owned))) {
                together.computeIfAbsent(t.get("x", String.class), k -> new HashMap<>()).put(t.get("y", String.class), number(t, "n"));
                candidates.add(t.get("y", String.class));
            }
        }
        SuggestionModel.SegmentBuyers segment = null;
        BigDecimal median = null;
        Map<String, Long> bySku = new HashMap<>();
        if (c.segment != null) {
            @SuppressWarnings("unchecked")
            List<String> top = em.createNativeQuery("""
                            select sku from suggestion_segment_product where segment = ?1 order by customers desc, sku limit ?2""")
                    .setParameter(1, c.segment).setParameter(2, cfg.max() + owned.size()).getResultList();
            candidates.addAll(top);
            @SuppressWarnings("unchecked")
            List<Object[]> seg = em.createNativeQuery("select customers, median_revenue from suggestion_segment where segment = ?1")
                    .setParameter(1, c.segment).getResultList();
            long customers = seg.isEmpty() ? 0 : ((Number) seg.getFirst()[0]).longValue();
            median = seg.isEmpty() || seg.getFirst()[1] == null ? null : new BigDecimal(seg.getFirst()[1].toString());
            candidates.removeAll(owned);
            if (!candidates.isEmpty()) {
                var query = em.createNativeQuery("select sku, customers as n from suggestion_segment_product where segment = ?2 and sku in "
                        + SKUS, Tuple.class).setParameter(1, json(candidates)).setParameter(2, c.segment);
                for (Object row : query.getResultList()) {
                    Tuple t = (Tuple) row;
                    bySku.put(t.get("sku", String.class), number(t, "n"));
                }
            }
            segment = new SuggestionModel.SegmentBuyers(c.segment, customers, bySku);
        }
        candidates.removeAll(owned);
        Map<String, Long> perProduct = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Set<String> read = new TreeSet<>(candidates);
        read.addAll(owned);
        if (!read.isEmpty()) {
            for (Tuple t : tuples("select sku, name, baskets as n from suggestion_product where sku in " + SKUS, json(read))) {
                perProduct.put(t.get("sku", String.class), number(t, "n"));
                names.put(t.get("sku", String.class), t.get("name", String.class));
            }
        }
        List<Item> items = SuggestionModel.suggest(owned, new SuggestionModel.Baskets(state.baskets(), perProduct, together), segment,
                        cfg.max(), cfg.minBasketsTogether()).stream()
                .map(s -> new Item(s.sku(), names.get(s.sku()), s.score(), s.basedOn(), s.support(), s.confidence(), s.lift(),
                        s.segmentShare(), s.reason())).toList();
        return new View(c.id, c.segment, items, SuggestionModel.upSell(c.revenue12m, c.segment, median, cfg.upSellBelowMedianShare()),
                state.computedAt());
    }

    private static String json(Set<String> skus) {
        com.fasterxml.jackson.databind.node.ArrayNode array = dev.crmsuite.platform.events.EventJson.MAPPER.createArrayNode();
        skus.forEach(array::add);
        return array.toString();
    }

    private static long number(Tuple t, String column) {
        return ((Number) t.get(column)).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> tuples(String select, Object param) {
        var q = em.createNativeQuery(select, Tuple.class);
        if (param != null) {
            q.setParameter(1, param);
        }
        return q.getResultList();
    }

}
