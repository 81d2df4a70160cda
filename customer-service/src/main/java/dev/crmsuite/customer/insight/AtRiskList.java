package dev.crmsuite.customer.insight;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The stored assessments as a list: the most at-risk first (HIGH before MEDIUM, the longest silence
 * first), keyset-paginated along {@code customer_risk_list}. Lost, merged and erased customers are
 * not at risk any more; a partner sees only customers who consented to partner sharing.
 */
@ApplicationScoped
public class AtRiskList {

    @Schema(name = "AtRiskCustomer", description = "A customer at risk, as last assessed")
    public record Item(
            @Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID customerId,
            @Schema(examples = "Li Wei") String name,
            @Schema(examples = "RELATIONAL") String segment,
            @Schema(examples = "A") String valueTier,
            @Schema(examples = "zhang.min") String accountManager,
            RiskView risk) {
    }

    public record Filters(String minLevel, String segment, String valueTier, String accountManager) {
    }

    private final EntityManager em;
    private final PartnerVisibility visibility;

    public AtRiskList(EntityManager em, PartnerVisibility visibility) {
        this.em = em;
        this.visibility = visibility;
    }

    public Page<Item> list(Filters f, String cursor, int limit) {
        int minRank = f.minLevel() == null ? 1 : switch (f.minLevel()) {
            case "MEDIUM" -> 1;
            case "HIGH" -> 2;
            default -> throw ProblemException.invalid("level", "must be MEDIUM or HIGH");
        };
        if (f.segment() != null && java.util.Arrays.stream(Segment.values()).noneMatch(s -> s.name().equals(f.segment()))) {
            throw ProblemException.invalid("segment", "must be TRANSACTIONAL, INDIFFERENT, RELATIONAL or KEY_ACCOUNT");
        }
        if (f.valueTier() != null && !Set.of("A", "B", "C").contains(f.valueTier())) {
            throw ProblemException.invalid("valueTier", "must be A, B or C");
        }
        Cursor after = Cursor.decode(cursor, 3);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                select r.customer_id as id, c.display_name as name, c.segment as segment, c.value_tier as tier,
                       c.account_manager as manager, r.level as level, cast(r.reasons as text) as reasons,
                       r.last_purchase_at as last_purchase, r.recency_days as recency, r.purchases_12m as purchases,
                       r.revenue_12m as revenue, r.usual_interval_days as usual_interval, r.expected_next_purchase as expected,
                       r.unresolved_complaints as complaints, r.last_nps as nps, r.computed_at as computed_at, r.level_rank as rank
                from customer_risk r join customer c on c.id = r.customer_id
                where r.level_rank > 0 and c.merged_into is null and c.erased_at is null and c.stage <> 'LOST'
                """);
        params.add(minRank);
        sql.append(" and r.level_rank >= ?").append(params.size());
        if (f.segment() != null) {
            params.add(f.segment());
            sql.append(" and c.segment = ?").append(params.size());
        }
        if (f.valueTier() != null) {
            params.add(f.valueTier());
            sql.append(" and c.value_tier = ?").append(params.size());
        }
        if (f.accountManager() != null) {
            params.add(f.accountManager());
            sql.append(" and c.account_manager = ?").append(params.size());
        }
        if (visibility.partnerCalling()) {
            sql.append(" and ").append(PartnerVisibility.visibleSql("c"));
        }
        if (after != null) {
            try {
                params.add(Integer.parseInt(after.get(0)));
                params.add(Integer.parseInt(after.get(1)));
                params.add(UUID.fromString(after.get(2)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
            int n = params.size();
            sql.append(" and (r.level_rank, r.recency_days, r.customer_id) < (?").append(n - 2).append(", ?").append(n - 1)
                    .append(", ?").append(n).append(")");
        }
        sql.append(" order by r.level_rank desc, r.recency_days desc, r.customer_id desc limit ").append(limit + 1);
        Query query = em.createNativeQuery(sql.toString(), Tuple.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return Page.of(rows, limit, t -> Cursor.of(((Number) t.get("rank")).intValue(), t.get("recency"), t.get("id")), AtRiskList::item);
    }

    private static Item item(Tuple t) {
        List<String> reasons;
        try {
            reasons = EventJson.MAPPER.readValue(t.get("reasons", String.class), new TypeReference<List<String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored reasons unreadable", e);
        }
        RiskView risk = new RiskView(RiskModel.Level.valueOf(t.get("level", String.class)), reasons,
                SqlTimes.utc(t.get("last_purchase")), integer(t.get("recency")), integer(t.get("purchases")),
                t.get("revenue", BigDecimal.class), integer(t.get("usual_interval")), SqlTimes.utc(t.get("expected")),
                integer(t.get("complaints")), integer(t.get("nps")), SqlTimes.utc(t.get("computed_at")));
        return new Item(t.get("id", UUID.class), t.get("name", String.class), t.get("segment", String.class),
                t.get("tier", String.class), t.get("manager", String.class), risk);
    }

    private static Integer integer(Object n) {
        return n == null ? null : ((Number) n).intValue();
    }
}
