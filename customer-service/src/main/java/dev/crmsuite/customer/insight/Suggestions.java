package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A customer's suggestions: what they bought (their purchase items, read live) against the basket
 * counts {@link SuggestionCounts} keeps (recomputed daily and when the purchases grew by a tenth), put
 * through {@link SuggestionModel}. Only the counts that can matter are read: the pairs starting from
 * the customer's products and the segment's most bought products (a product no pair supports scores
 * by its segment share alone, so only the top of that list can make the page), which keeps a request
 * to one statement of a few index look-ups whatever the number of customers and products.
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

    /**
     * Everything a customer's suggestions read, in one statement: the counts' state, the customer's
     * products (purchase items of purchases not refunded in full), the pairs starting from them, the
     * segment's row, the segment's buyers of each candidate (pairs' products and the top of the
     * segment's list, less those owned) and the basket count and name of each candidate and owned
     * product. It was seven statements through Hibernate's native queries: their per-statement cost
     * was most of customer-service's CPU for this request (JFR, 1 M customers).
     */
    static final String READ = """
            with owned as (
                select distinct i ->> 'sku' as sku from purchase p
                cross join lateral jsonb_array_elements(case when jsonb_typeof(p.items) = 'array' then p.items else '[]' end) i
                where p.customer_id = ? and p.refunded_amount < p.amount and i ->> 'sku' is not null),
            pair as (select sku, other_sku, baskets from suggestion_pair where sku in (select sku from owned)),
            top as (select sku from suggestion_segment_product where segment = ? order by customers desc, sku
                    limit ? + (select count(*) from owned)),
            candidate as ((select other_sku as sku from pair union select sku from top) except select sku from owned)
            select 'counts' as kind, null as sku, null as other_sku, baskets as n, null as name, computed_at as at,
                   null::numeric as amount from suggestion_counts where id = 1
            union all select 'owned', sku, null, null, null, null, null from owned
            union all select 'pair', sku, other_sku, baskets, null, null, null from pair
            union all select 'segment', segment, null, customers, null, null, median_revenue from suggestion_segment where segment = ?
            union all select 'segment-product', sku, null, customers, null, null, null from suggestion_segment_product
                      where segment = ? and sku in (select sku from candidate)
            union all select 'product', sku, null, baskets, name, null, null from suggestion_product
                      where sku in (select sku from candidate union select sku from owned)""";

    private final EntityManager em;
    private final InsightConfig config;

    public Suggestions(EntityManager em, InsightConfig config) {
        this.em = em;
        this.config = config;
    }

    public View of(Customer c) {
        InsightConfig.Suggestions cfg = config.suggestions();
        Read read = em.unwrap(Session.class).doReturningWork(connection -> read(connection, c, cfg.max()));
        if (read.computedAt == null) {
            return new View(c.id, c.segment, List.of(), null, null);
        }
        SuggestionModel.SegmentBuyers segment = c.segment == null ? null
                : new SuggestionModel.SegmentBuyers(c.segment, read.segmentCustomers, read.segmentBuyers);
        List<Item> items = SuggestionModel.suggest(read.owned, new SuggestionModel.Baskets(read.baskets, read.perProduct, read.together),
                        segment, cfg.max(), cfg.minBasketsTogether()).stream()
                .map(s -> new Item(s.sku(), read.names.get(s.sku()), s.score(), s.basedOn(), s.support(), s.confidence(), s.lift(),
                        s.segmentShare(), s.reason())).toList();
        return new View(c.id, c.segment, items, SuggestionModel.upSell(c.revenue12m, c.segment, read.segmentMedian,
                cfg.upSellBelowMedianShare()), read.computedAt);
    }

    /** The rows of {@link #READ}, sorted by kind. */
    private static final class Read {
        OffsetDateTime computedAt;
        long baskets;
        final Set<String> owned = new TreeSet<>();
        final Map<String, Map<String, Long>> together = new HashMap<>();
        long segmentCustomers;
        BigDecimal segmentMedian;
        final Map<String, Long> segmentBuyers = new HashMap<>();
        final Map<String, Long> perProduct = new HashMap<>();
        final Map<String, String> names = new HashMap<>();
    }

    /** Plain JDBC: one statement whose rows Hibernate has nothing to map onto. */
    private static Read read(Connection connection, Customer c, int max) throws SQLException {
        Read read = new Read();
        try (PreparedStatement select = connection.prepareStatement(READ)) {
            select.setObject(1, c.id);
            select.setString(2, c.segment);
            select.setInt(3, max);
            select.setString(4, c.segment);
            select.setString(5, c.segment);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String sku = rows.getString("sku");
                    switch (rows.getString("kind")) {
                        case "counts" -> {
                            read.baskets = rows.getLong("n");
                            read.computedAt = SqlTimes.utc(rows.getObject("at", OffsetDateTime.class));
                        }
                        case "owned" -> read.owned.add(sku);
                        case "pair" -> read.together.computeIfAbsent(sku, k -> new HashMap<>()).put(rows.getString("other_sku"), rows.getLong("n"));
                        case "segment" -> {
                            read.segmentCustomers = rows.getLong("n");
                            read.segmentMedian = rows.getBigDecimal("amount");
                        }
                        case "segment-product" -> read.segmentBuyers.put(sku, rows.getLong("n"));
                        case "product" -> {
                            read.perProduct.put(sku, rows.getLong("n"));
                            read.names.put(sku, rows.getString("name"));
                        }
                        default -> throw new IllegalStateException("unknown row kind " + rows.getString("kind"));
                    }
                }
            }
        }
        return read;
    }
}
