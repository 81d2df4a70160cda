package dev.crmsuite.customer.insight;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The basket counts {@link Suggestions} reads, kept in the suggestion_* tables (V12) and recomputed
 * from the purchase items in one transaction: when they are older than
 * {@code crm.insight.suggestions.counts-max-age} or the purchases grew by a tenth since (a bulk load,
 * a new installation filling up). Counting on each request read every purchase's items, seconds at a
 * million customers. Readers keep seeing the previous counts until the new ones commit, and every
 * answer says how old its counts are.
 */
@ApplicationScoped
public class SuggestionCounts {

    private static final Logger LOG = Logger.getLogger(SuggestionCounts.class);
    /** The refresh of a million customers' baskets takes a while; it must not hit the default 60 s. */
    private static final Duration LONGEST_REFRESH = Duration.ofMinutes(30);
    /** A transaction-level advisory lock: one replica refreshes, the others skip. */
    private static final long LOCK = 0x5eed_c0de_0021L;

    /** When the counts were made and over how many purchase rows; null fields before the first refresh. */
    public record State(OffsetDateTime computedAt, long baskets, long purchases) {
    }

    private final EntityManager em;
    private final InsightConfig config;
    private final Clock clock;

    public SuggestionCounts(EntityManager em, InsightConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** The counts' state, or null before the first refresh (caller's transaction or none). */
    public State state() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select computed_at, baskets, purchases from suggestion_counts where id = 1")
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.getFirst();
        return new State(dev.crmsuite.platform.time.SqlTimes.utc(r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
    }

    @Scheduled(every = "{crm.insight.suggestions.counts-check-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshWhenStale() {
        State state = QuarkusTransaction.requiringNew().call(this::state);
        // the statistics' live row count: cheap, and close enough to see a tenth more
        long purchases = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce((select n_live_tup from pg_stat_user_tables where relname = 'purchase'), 0)").getSingleResult()).longValue());
        if (state != null && !stale(state, purchases, OffsetDateTime.now(clock), config.suggestions().countsMaxAge())) {
            return;
        }
        refresh();
    }

    /** Whether counts in {@code state} must be made again, now that the table holds about {@code purchases} rows. */
    static boolean stale(State state, long purchases, OffsetDateTime now, Duration maxAge) {
        return state.computedAt().plus(maxAge).isBefore(now) || purchases > state.purchases() + state.purchases() / 10 + 10;
    }

    /** Recomputes every count in one transaction; false when another replica is at it. */
    public boolean refresh() {
        long started = System.nanoTime();
        Boolean done = QuarkusTransaction.requiringNew().timeout((int) LONGEST_REFRESH.toSeconds()).call(() -> {
            if (!Boolean.TRUE.equals(em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult())) {
                return false;
            }
            // a product counts once per basket; purchases refunded in full are not baskets
            em.createNativeQuery("""
                    create temporary table basket on commit drop as
                    select p.id as purchase_id, p.customer_id, i ->> 'sku' as sku, max(i ->> 'name') as name
                    from purchase p cross join lateral jsonb_array_elements(case when jsonb_typeof(p.items) = 'array' then p.items else '[]' end) i
                    where p.refunded_amount < p.amount and i ->> 'sku' is not null
                    group by 1, 2, 3""").executeUpdate();
            for (String table : List.of("suggestion_product", "suggestion_pair", "suggestion_segment_product", "suggestion_segment")) {
                em.createNativeQuery("delete from " + table).executeUpdate();
            }
            em.createNativeQuery("insert into suggestion_product (sku, name, baskets) select sku, max(name), count(*) from basket group by sku")
                    .executeUpdate();
            em.createNativeQuery("""
                    insert into suggestion_pair (sku, other_sku, baskets)
                    select a.sku, b.sku, count(*) from basket a join basket b on b.purchase_id = a.purchase_id and b.sku <> a.sku
                    group by 1, 2 having count(*) >= ?1""").setParameter(1, config.suggestions().minBasketsTogether()).executeUpdate();
            em.createNativeQuery("""
                    insert into suggestion_segment_product (segment, sku, customers)
                    select s.segment, b.sku, count(distinct b.customer_id) from basket b join customer s on s.id = b.customer_id
                    where s.merged_into is null and s.erased_at is null and s.segment is not null group by 1, 2""").executeUpdate();
            em.createNativeQuery("""
                    insert into suggestion_segment (segment, customers, median_revenue)
                    select segment, coalesce(b.customers, 0), m.median
                    from (select s.segment, count(distinct b.customer_id) as customers from basket b join customer s on s.id = b.customer_id
                          where s.merged_into is null and s.erased_at is null and s.segment is not null group by 1) b
                    full join (select segment, percentile_cont(0.5) within group (order by revenue_12m) as median from customer
                               where merged_into is null and erased_at is null and revenue_12m > 0 and segment is not null
                               group by segment) m using (segment)""").executeUpdate();
            em.createNativeQuery("""
                    insert into suggestion_counts (id, baskets, purchases, computed_at)
                    values (1, (select count(distinct purchase_id) from basket), (select count(*) from purchase), ?1)
                    on conflict (id) do update set baskets = excluded.baskets, purchases = excluded.purchases,
                                                   computed_at = excluded.computed_at""")
                    .setParameter(1, OffsetDateTime.now(clock)).executeUpdate();
            return true;
        });
        if (done) {
            LOG.infof("suggestion counts recomputed in %d ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        return done;
    }
}
