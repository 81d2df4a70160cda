package dev.crmsuite.customer.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Complaint figures per account manager from {@link ComplaintRecords}: how many complaints their
 * customers filed and had resolved in a period, and the median time to resolve. A complaint counts
 * for the customer's current account manager, and a merged duplicate's complaints for the survivor.
 */
@ApplicationScoped
public class ComplaintFigures {

    /** One account manager's complaint figures for a period. */
    public record ManagerComplaints(String accountManager, long filed, long resolved, BigDecimal medianResolutionHours) {

        public static ManagerComplaints none(String accountManager) {
            return new ManagerComplaints(accountManager, 0, 0, null);
        }
    }

    private final EntityManager em;

    public ComplaintFigures(EntityManager em) {
        this.em = em;
    }

    /** Filed in [from, to), resolved in [from, to), median hours filed → resolved of the latter; per account manager. */
    public Map<String, ManagerComplaints> byAccountManager(OffsetDateTime from, OffsetDateTime to) {
        // The survivor is found again here (one hop: merges keep merged_into pointing at the final
        // survivor), so a complaint recorded for a duplicate while it was being merged still counts.
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select s.account_manager as manager,
                               count(*) filter (where r.filed_at >= ?1 and r.filed_at < ?2) as filed,
                               count(*) filter (where r.resolved_at >= ?1 and r.resolved_at < ?2) as resolved,
                               percentile_cont(0.5) within group (order by extract(epoch from r.resolved_at - r.filed_at) / 3600.0)
                                 filter (where r.resolved_at >= ?1 and r.resolved_at < ?2 and r.filed_at is not null) as median_hours
                        from complaint_record r
                        join customer c on c.id = r.customer_id
                        join customer s on s.id = coalesce(c.merged_into, c.id)
                        where s.account_manager is not null
                          and ((r.filed_at >= ?1 and r.filed_at < ?2) or (r.resolved_at >= ?1 and r.resolved_at < ?2))
                        group by s.account_manager""", Tuple.class)
                .setParameter(1, from).setParameter(2, to).getResultList();
        Map<String, ManagerComplaints> out = new TreeMap<>();
        for (Tuple row : rows) {
            String manager = row.get("manager", String.class);
            Number median = row.get("median_hours", Number.class);
            out.put(manager, new ManagerComplaints(manager, row.get("filed", Number.class).longValue(),
                    row.get("resolved", Number.class).longValue(),
                    median == null ? null : BigDecimal.valueOf(median.doubleValue()).setScale(1, RoundingMode.HALF_UP)));
        }
        return out;
    }
}
