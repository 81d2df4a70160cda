package dev.crmsuite.platform.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A native statement written with numbered parameters ({@code ?1}, {@code ?2}: the style of JPA's
 * native queries, readable when one value is used twice) in the form plain JDBC takes: positional
 * {@code ?}s and the values in their order. Hot read paths run their statements on the
 * transaction's connection with plain JDBC because Hibernate's cost per native query (resolving its
 * result mapping) was most of the CPU of requests that run a few small statements (search,
 * suggestions, duplicate checks; customer-service/PERFORMANCE.md).
 *
 * <p>The SQL must not hold a {@code ?} followed by a digit other than a parameter (no such string
 * literal or operator).
 */
public record JdbcStatement(String sql, List<Object> params) {

    private static final Pattern NUMBERED = Pattern.compile("\\?(\\d+)");

    /**
     * Each numbered text converted once: a hot read runs the same few texts thousands of times a
     * second, and matching the pattern on every run was 4% of the gateway's CPU per customer-360
     * read (JFR, 2026-12-05). Bounded, as texts built with values in them (a page size) are many.
     */
    private static final Cache<String, Converted> CONVERTED = Caffeine.newBuilder().maximumSize(1_000).build();

    /** A numbered text in JDBC's form: the text with positional {@code ?}s and the number behind each. */
    private record Converted(String sql, int[] numbers) {

        static Converted of(String numberedSql) {
            int[] numbers = NUMBERED.matcher(numberedSql).results().mapToInt(r -> Integer.parseInt(r.group(1))).toArray();
            return new Converted(NUMBERED.matcher(numberedSql).replaceAll("?"), numbers);
        }
    }

    /** Converts {@code numberedSql}; {@code params.get(n - 1)} is the value of {@code ?n}. */
    public static JdbcStatement of(String numberedSql, List<?> params) {
        Converted converted = CONVERTED.get(numberedSql, Converted::of);
        List<Object> ordered = new ArrayList<>(converted.numbers().length);
        for (int n : converted.numbers()) {
            if (n < 1 || n > params.size()) {
                throw new IllegalArgumentException("?" + n + " has no value: " + params.size() + " given");
            }
            ordered.add(params.get(n - 1));
        }
        return new JdbcStatement(converted.sql(), Collections.unmodifiableList(ordered));
    }

    /**
     * One parameter holding the values' text as a SQL array, for {@code = any(cast(?1 as uuid[]))}:
     * one statement for a whole batch of ids. Typed {@code Object} on purpose: a {@code String[]}
     * given alone to {@code List.of} would be spread into its elements, one parameter each.
     */
    public static Object textArray(java.util.Collection<?> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    /** Reads one row of a result (the result set is positioned on it). */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs the statement on the entity manager's connection (in its transaction, if any) and reads
     * every row. Unlike a native query it does not flush the persistence context first: a caller
     * whose transaction changed entities the statement reads flushes before.
     */
    public <T> List<T> list(EntityManager em, RowReader<T> reader) {
        return em.unwrap(Session.class).doReturningWork(connection -> list(connection, reader));
    }

    /** {@link #list(EntityManager, RowReader)} on a connection of the caller's. */
    public <T> List<T> list(Connection connection, RowReader<T> reader) throws SQLException {
        try (PreparedStatement statement = prepare(connection); ResultSet rows = statement.executeQuery()) {
            return readAll(rows, reader);
        }
    }

    /**
     * Sent ahead of a statement that is to run on a generic plan: plan_cache_mode for the current
     * transaction, answering the mode it replaces. In auto-commit that transaction is the implicit one
     * the statements of one protocol exchange share (until its Sync), so the setting holds for this
     * statement alone and is gone afterwards even when the statement fails; inside a transaction the
     * mode it replaced is set again afterwards. set_config and not SET LOCAL: outside a BEGIN, SET
     * LOCAL logs a warning on every run.
     */
    static final String GENERIC_PLAN = "select current_setting('plan_cache_mode'), set_config('plan_cache_mode', 'force_generic_plan', true); ";

    /**
     * As {@link #list}, with PostgreSQL told to use one generic plan for the statement instead of
     * planning it with each run's values. For statements whose plan does not depend on the values
     * (an equality on a unique key, a range of an index with its order) on tables with many indexes,
     * where planning costs more than running: PostgreSQL keeps custom plans as long as they look
     * cheaper than the generic one, which for such statements is every run. PostgreSQL has no hint
     * for one statement; the setting travels with the statement in the same round trip.
     * Never for a statement whose best plan depends on the values (a containment or a pattern match
     * that may match one row or half the table): its generic plan may walk the whole table.
     */
    public <T> List<T> listPlannedGenerically(EntityManager em, RowReader<T> reader) {
        return em.unwrap(Session.class).doReturningWork(connection -> listPlannedGenerically(connection, reader));
    }

    /** {@link #listPlannedGenerically(EntityManager, RowReader)} on a connection of the caller's. */
    public <T> List<T> listPlannedGenerically(Connection connection, RowReader<T> reader) throws SQLException {
        String replaced;
        List<T> read;
        try (PreparedStatement statement = prepare(connection, GENERIC_PLAN + sql)) {
            statement.execute();
            try (ResultSet setting = statement.getResultSet()) {
                setting.next();
                replaced = setting.getString(1);
            }
            if (!statement.getMoreResults()) {
                throw new SQLException("no rows answered by: " + sql);
            }
            try (ResultSet rows = statement.getResultSet()) {
                read = readAll(rows, reader);
            }
        }
        if (!connection.getAutoCommit()) {
            try (PreparedStatement restore = connection.prepareStatement("select set_config('plan_cache_mode', ?, true)")) {
                restore.setString(1, replaced);
                restore.execute();
            }
        }
        return read;
    }

    private static <T> List<T> readAll(ResultSet rows, RowReader<T> reader) throws SQLException {
        List<T> read = new ArrayList<>();
        while (rows.next()) {
            read.add(reader.read(rows));
        }
        return read;
    }

    /** The statement prepared on {@code connection} with every value bound; the caller closes it. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        return prepare(connection, sql);
    }

    private PreparedStatement prepare(Connection connection, String text) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
