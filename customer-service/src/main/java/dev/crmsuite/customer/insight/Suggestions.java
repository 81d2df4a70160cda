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
import java.util.UUID;

/**
 * Reads the basket counts {@link SuggestionModel} needs from the purchase items (purchases not fully
 * refunded; a product counts once per basket) and answers a customer's suggestions. The counts are
 * read on each request: right for this installation's size, not for a million customers, where they
 * belong in a table refreshed nightly (the rule stays the same).
 */
@ApplicationScoped
public class Suggestions {

    private static final String BASKETS = """
            with basket as (
              select p.id as purchase_id, p.customer_id as customer_id, i ->> 'sku' as sku, max(i ->> 'name') as name
              from purchase p cross join lateral jsonb_array_elements(case when jsonb_typeof(p.items) = 'array' then p.items else '[]' end) i
              where p.refunded_amount < p.amount and i ->> 'sku' is not null
              group by 1, 2, 3)
            """;

    @Schema(name = "CustomerSuggestions", description = "What to offer this customer next, and why")
    public record View(
            @Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID customerId,
            @Schema(examples = "RELATIONAL") String segment,
            @Schema(description = "Cross-sell: products not yet bought, best first") List<Item> items,
            @Schema(description = "Up-sell hint when spending is below the segment's typical level; absent otherwise") SuggestionModel.UpSell upSell) {
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

    private final EntityManager em;
    private final InsightConfig config;

    public Suggestions(EntityManager em, InsightConfig config) {
        this.em = em;
        this.config = config;
    }

    public View of(Customer c) {
        Set<String> owned = new LinkedHashSet<>(strings(BASKETS + "select distinct sku from basket where customer_id = ?1 order by 1", c.id));
        Map<String, Long> perProduct = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Tuple t : tuples("""
                select b.sku as sku, count(*) as n, max(b.name) as name from basket b group by b.sku""", null)) {
            perProduct.put(t.get("sku", String.class), ((Number) t.get("n")).longValue());
            names.put(t.get("sku", String.class), t.get("name", String.class));
        }
        long total = ((Number) em.createNativeQuery(BASKETS + "select count(distinct purchase_id) from basket").getSingleResult()).longValue();
        Map<String, Map<String, Long>> together = new HashMap<>();
        if (!owned.isEmpty()) {
            for (Tuple t : tuples("""
                    select a.sku as x, b.sku as y, count(*) as n from basket a join basket b on b.purchase_id = a.purchase_id and b.sku <> a.sku
                    where a.sku in (select sku from basket where customer_id = ?1) group by 1, 2""", c.id)) {
                together.computeIfAbsent(t.get("x", String.class), k -> new HashMap<>())
                        .put(t.get("y", String.class), ((Number) t.get("n")).longValue());
            }
        }
        SuggestionModel.SegmentBuyers segment = null;
        BigDecimal median = null;
        if (c.segment != null) {
            Map<String, Long> bySku = new HashMap<>();
            for (Tuple t : tuples("""
                    select b.sku as sku, count(distinct b.customer_id) as n from basket b join customer s on s.id = b.customer_id
                    where s.segment = ?1 and s.merged_into is null and s.erased_at is null group by 1""", c.segment)) {
                bySku.put(t.get("sku", String.class), ((Number) t.get("n")).longValue());
            }
            long customers = ((Number) em.createNativeQuery(BASKETS + """
                    select count(distinct b.customer_id) from basket b join customer s on s.id = b.customer_id
                    where s.segment = ?1 and s.merged_into is null and s.erased_at is null""").setParameter(1, c.segment)
                    .getSingleResult()).longValue();
            segment = new SuggestionModel.SegmentBuyers(c.segment, customers, bySku);
            Object m = em.createNativeQuery("""
                    select percentile_cont(0.5) within group (order by revenue_12m) from customer
                    where segment = ?1 and merged_into is null and erased_at is null and revenue_12m > 0""")
                    .setParameter(1, c.segment).getSingleResult();
            median = m == null ? null : new BigDecimal(m.toString());
        }
        InsightConfig.Suggestions cfg = config.suggestions();
        List<Item> items = SuggestionModel.suggest(owned, new SuggestionModel.Baskets(total, perProduct, together), segment, cfg.max(),
                        cfg.minBasketsTogether()).stream()
                .map(s -> new Item(s.sku(), names.get(s.sku()), s.score(), s.basedOn(), s.support(), s.confidence(), s.lift(),
                        s.segmentShare(), s.reason())).toList();
        return new View(c.id, c.segment, items, SuggestionModel.upSell(c.revenue12m, c.segment, median, cfg.upSellBelowMedianShare()));
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> tuples(String select, Object param) {
        var q = em.createNativeQuery(BASKETS + select, Tuple.class);
        if (param != null) {
            q.setParameter(1, param);
        }
        return q.getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String sql, UUID id) {
        return em.createNativeQuery(sql).setParameter(1, id).getResultList();
    }
}
