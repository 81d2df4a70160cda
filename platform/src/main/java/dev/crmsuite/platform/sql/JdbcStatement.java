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
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection); ResultSet rows = statement.executeQuery()) {
                List<T> read = new ArrayList<>();
                while (rows.next()) {
                    read.add(reader.read(rows));
                }
                return read;
            }
        });
    }

    /** The statement prepared on {@code connection} with every value bound; the caller closes it. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
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
