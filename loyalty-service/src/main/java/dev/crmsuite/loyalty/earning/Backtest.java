package dev.crmsuite.loyalty.earning;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.loyalty.earning.RuleViews.BacktestLine;
import dev.crmsuite.loyalty.earning.RuleViews.BacktestReport;
import dev.crmsuite.loyalty.tier.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a draft rule set over the kept purchase history of a period and compares it with what the
 * rules in force at each purchase's time give, per tier at purchase. Read-only; purchases are read
 * in keyset batches so a long period never loads the whole table.
 */
@ApplicationScoped
public class Backtest {

    private static final int BATCH = 1_000;

    @Inject
    EntityManager em;
    @Inject
    RuleSets ruleSets;

    private static final class Sum {
        long purchases;
        BigDecimal amount = BigDecimal.ZERO;
        long inForce;
        long draft;

        BacktestLine line(Tier tier) {
            return new BacktestLine(tier, purchases, amount, inForce, draft, draft - inForce);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public BacktestReport run(OffsetDateTime from, OffsetDateTime to, RuleDefinition draft) {
        List<RuleSetVersion> versions = ruleSets.all();
        Map<Integer, RuleDefinition> parsed = new java.util.HashMap<>();
        Map<Tier, Sum> perTier = new EnumMap<>(Tier.class);
        Sum total = new Sum();
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        while (true) {
            String sql = "select purchase_id, amount, purchased_at, segment, tier from purchase where purchased_at >= ?1 and purchased_at < ?2"
                    + (afterTime == null ? "" : " and (purchased_at, purchase_id) > (?3, ?4)")
                    + " order by purchased_at, purchase_id limit " + BATCH;
            var query = em.createNativeQuery(sql).setParameter(1, from).setParameter(2, to);
            if (afterTime != null) {
                query.setParameter(3, afterTime).setParameter(4, afterId);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            for (Object[] row : rows) {
                BigDecimal amount = (BigDecimal) row[1];
                OffsetDateTime at = SqlTimes.utc(row[2]);
                Tier tier = Tier.valueOf((String) row[4]);
                RuleSetVersion version = versionAt(versions, at);
                RuleDefinition inForce = version == null ? ruleSets.fromConfig()
                        : parsed.computeIfAbsent(version.version, v -> ruleSets.read(version.definition));
                var purchase = new PointsCalculator.Purchase(amount, at, tier, (String) row[3]);
                long inForcePoints = PointsCalculator.calculate(inForce, purchase).points();
                long draftPoints = PointsCalculator.calculate(draft, purchase).points();
                for (Sum sum : List.of(total, perTier.computeIfAbsent(tier, t -> new Sum()))) {
                    sum.purchases++;
                    sum.amount = sum.amount.add(amount);
                    sum.inForce += inForcePoints;
                    sum.draft += draftPoints;
                }
                afterTime = at;
                afterId = (UUID) row[0];
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        List<BacktestLine> lines = new ArrayList<>();
        perTier.forEach((tier, sum) -> lines.add(sum.line(tier)));
        return new BacktestReport(from, to, total.line(null), lines);
    }

    private static RuleSetVersion versionAt(List<RuleSetVersion> newestFirst, OffsetDateTime at) {
        RuleSetVersion best = null;
        for (RuleSetVersion v : newestFirst) {
            if (!v.effectiveFrom.isAfter(at) && (best == null || v.effectiveFrom.isAfter(best.effectiveFrom)
                    || v.effectiveFrom.isEqual(best.effectiveFrom) && v.version > best.version)) {
                best = v;
            }
        }
        return best;
    }
}
