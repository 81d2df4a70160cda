package dev.crmsuite.loyalty.analytics;

import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The points flow of a range by period, from the roll-up of closed days ({@code ledger_day_flow}) and
 * the ledger for the rest ({@link FlowRanges}): a year's analytics read about 365 rows and a day or two
 * of entries instead of every entry of the year. Days missing from the roll-up are computed when a
 * range first needs them, and by the loyalty jobs ahead of that ({@link #rollUpNextDays}).
 */
@ApplicationScoped
public class LedgerDayFlows {

    /** Days one job transaction rolls up: a month of a large programme's entries, under a second. */
    static final int DAYS_PER_TRANSACTION = 31;

    private static final String FLOW_COLUMNS = """
            coalesce(sum(points) filter (where kind in ('EARN', 'BONUS', 'GOODWILL')), 0),
            coalesce(-sum(points) filter (where kind = 'REDEEM'), 0),
            coalesce(-sum(points) filter (where kind = 'EXPIRE'), 0),
            coalesce(-sum(points) filter (where kind = 'REVERSAL'), 0),
            coalesce(sum(points) filter (where kind = 'ADJUST'), 0),
            count(*)""";

    private final EntityManager em;
    private final LoyaltyConfig config;
    private final Clock clock;

    LedgerDayFlows(EntityManager em, LoyaltyConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** Points moved (as positive numbers, adjustments signed) and how many entries moved them. */
    public record Sums(long earned, long redeemed, long expired, long reversed, long adjusted, long entries) {

        public static final Sums NONE = new Sums(0, 0, 0, 0, 0, 0);

        public Sums plus(Sums o) {
            // Exact: a sum beyond a long fails loudly instead of wrapping (PointsLimits keeps it far away).
            return new Sums(Math.addExact(earned, o.earned), Math.addExact(redeemed, o.redeemed), Math.addExact(expired, o.expired),
                    Math.addExact(reversed, o.reversed), Math.addExact(adjusted, o.adjusted), Math.addExact(entries, o.entries));
        }

        /** Columns from {@code first} on, as {@link #FLOW_COLUMNS} or the roll-up's sums give them. */
        static Sums read(ResultSet row, int first) throws SQLException {
            return new Sums(exact(row, first), exact(row, first + 1), exact(row, first + 2), exact(row, first + 3),
                    exact(row, first + 4), exact(row, first + 5));
        }

        private static long exact(ResultSet row, int column) throws SQLException {
            return row.getBigDecimal(column).longValueExact();
        }
    }

    /** The flow of [from, to) per period start (UTC), only periods in which some entry was made, in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SortedMap<LocalDateTime, Sums> perPeriod(OffsetDateTime from, OffsetDateTime to, String unit) {
        FlowRanges ranges = FlowRanges.of(from, to, now(), config.analytics().closedAfter());
        SortedMap<LocalDateTime, Sums> periods = new TreeMap<>();
        if (ranges.closedFrom() != null) {
            LocalDate first = firstDay();
            // Before the ledger's first entry there is nothing to roll up or read.
            LocalDate start = first == null || first.isBefore(ranges.closedFrom()) ? ranges.closedFrom() : first;
            if (first != null && start.isBefore(ranges.closedTo())) {
                rollUpMissing(start, ranges.closedTo());
                JdbcStatement.of("""
                                select date_trunc(?3, day::timestamp), sum(earned), sum(redeemed), sum(expired), sum(reversed),
                                       sum(adjusted), sum(entries)
                                from ledger_day_flow where day >= ?1 and day < ?2
                                group by 1 having sum(entries) > 0""", List.of(start, ranges.closedTo(), unit))
                        .list(em, row -> periods.merge(row.getObject(1, LocalDateTime.class), Sums.read(row, 2), Sums::plus));
            }
        }
        for (FlowRanges.Span span : ranges.live()) {
            JdbcStatement.of("select date_trunc(?3, created_at at time zone 'UTC'), " + FLOW_COLUMNS + """

                            from ledger_entry where created_at >= ?1 and created_at < ?2 group by 1""",
                            List.of(span.from(), span.to(), unit))
                    .list(em, row -> periods.merge(row.getObject(1, LocalDateTime.class), Sums.read(row, 2), Sums::plus));
        }
        return periods;
    }

    /**
     * Rolls up the oldest closed days not yet rolled up, at most {@link #DAYS_PER_TRANSACTION}; how many
     * were added (0 when none is missing).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rollUpNextDays() {
        LocalDate first = firstDay();
        if (first == null) {
            return 0;
        }
        LocalDate closedUntil = now().minus(config.analytics().closedAfter()).toLocalDate();
        LocalDate missing = firstMissing(first, closedUntil);
        if (missing == null) {
            return 0;
        }
        LocalDate end = missing.plusDays(DAYS_PER_TRANSACTION);
        return rollUp(missing, end.isBefore(closedUntil) ? end : closedUntil);
    }

    private void rollUpMissing(LocalDate from, LocalDate to) {
        LocalDate missing = firstMissing(from, to);
        if (missing != null) {
            rollUp(missing, to);
        }
    }

    /** Rolls up the days [from, to) that have no row yet; days already there are left as they are. */
    private int rollUp(LocalDate from, LocalDate to) {
        return em.createNativeQuery("""
                        insert into ledger_day_flow (day, earned, redeemed, expired, reversed, adjusted, entries, computed_at)
                        select d::date, coalesce(f.earned, 0), coalesce(f.redeemed, 0), coalesce(f.expired, 0),
                               coalesce(f.reversed, 0), coalesce(f.adjusted, 0), coalesce(f.entries, 0), ?5
                        from generate_series(cast(?1 as date), cast(?2 as date) - 1, interval '1 day') d
                        left join (select (created_at at time zone 'UTC')::date, """ + FLOW_COLUMNS + """

                                   from ledger_entry where created_at >= ?3 and created_at < ?4 group by 1)
                             f (day, earned, redeemed, expired, reversed, adjusted, entries) on f.day = d::date
                        on conflict (day) do nothing""")
                .setParameter(1, from).setParameter(2, to)
                .setParameter(3, FlowRanges.start(from)).setParameter(4, FlowRanges.start(to))
                .setParameter(5, now()).executeUpdate();
    }

    /** The first day in [from, to) without a roll-up row, or null. */
    private LocalDate firstMissing(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            return null;
        }
        return JdbcStatement.of("""
                        select min(d::date) from generate_series(cast(?1 as date), cast(?2 as date) - 1, interval '1 day') d
                        where not exists (select 1 from ledger_day_flow f where f.day = d::date)""", List.of(from, to))
                .list(em, row -> row.getObject(1, LocalDate.class)).getFirst();
    }

    /** The UTC day of the ledger's first entry, or null when it is empty. */
    private LocalDate firstDay() {
        return JdbcStatement.of("select (min(created_at) at time zone 'UTC')::date from ledger_entry", List.of())
                .list(em, row -> row.getObject(1, LocalDate.class)).getFirst();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
