package dev.crmsuite.customer.insight;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads the purchase and complaint history {@link RiskBacktest} replays, 1,000 customers at a time,
 * each page counted and dropped: holding every customer's history (as this once did) ended the
 * service at a million customers with an OutOfMemoryError.
 */
@ApplicationScoped
public class RiskBacktests {

    private final EntityManager em;
    private final InsightConfig config;

    public RiskBacktests(EntityManager em, InsightConfig config) {
        this.em = em;
        this.config = config;
    }

    /** {@link #run} outside any request, for a background run: its own request context for the reads. */
    @ActivateRequestContext
    public RiskBacktest.Result runDetached(OffsetDateTime asOf, int horizonDays) {
        return run(asOf, horizonDays);
    }

    public RiskBacktest.Result run(OffsetDateTime asOf, int horizonDays) {
        RiskBacktest.Tally tally = new RiskBacktest.Tally(asOf, horizonDays, config.risk().thresholds());
        UUID after = new UUID(0, 0);
        while (true) {
            @SuppressWarnings("unchecked")
            List<Tuple> rows = em.createNativeQuery("""
                    select c.id as id,
                           (select string_agg(cast(cast(extract(epoch from p.purchased_at) * 1000 as bigint) as text), ',')
                              from purchase p where p.customer_id = c.id and p.refunded_amount < p.amount) as purchases,
                           (select string_agg(coalesce(cast(cast(extract(epoch from r.filed_at) * 1000 as bigint) as text), '') || ':'
                                   || coalesce(cast(cast(extract(epoch from r.resolved_at) * 1000 as bigint) as text), ''), ',')
                              from complaint_record r where r.customer_id = c.id) as complaints
                    from customer c
                    where c.id > ?1 and c.merged_into is null and c.erased_at is null
                      and exists (select 1 from purchase p where p.customer_id = c.id and p.purchased_at < ?2)
                    order by c.id limit 1000""", Tuple.class).setParameter(1, after).setParameter(2, asOf).getResultList();
            for (Tuple t : rows) {
                List<OffsetDateTime> purchases = Arrays.stream(t.get("purchases", String.class).split(",")).map(RiskBacktests::time).toList();
                List<OffsetDateTime[]> complaints = new ArrayList<>();
                String c = t.get("complaints", String.class);
                if (c != null) {
                    for (String pair : c.split(",")) {
                        String[] times = pair.split(":", -1);
                        complaints.add(new OffsetDateTime[]{times[0].isEmpty() ? null : time(times[0]), times[1].isEmpty() ? null : time(times[1])});
                    }
                }
                tally.add(new RiskBacktest.History(t.get("id", UUID.class), purchases, complaints));
            }
            if (rows.size() < 1000) {
                break;
            }
            after = rows.getLast().get("id", UUID.class);
        }
        return tally.result();
    }

    private static OffsetDateTime time(String millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis)).atOffset(ZoneOffset.UTC);
    }
}
