package dev.crmsuite.customer.support;

import dev.crmsuite.platform.testing.PostgresDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;

/**
 * Plain SQL on the service's test database, for tests that set up or check what no endpoint shows
 * (rows as an earlier release wrote them, bookkeeping tables). Parameters bind positionally; an
 * OffsetDateTime binds as a timestamp.
 */
public final class Rows {

    private Rows() {
    }

    public static void update(String sql, Object... params) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text (null when none). */
    public static String value(String sql, Object... params) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        return Long.parseLong(value(sql, params));
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof OffsetDateTime t) {
                s.setTimestamp(i + 1, Timestamp.from(t.toInstant()));
            } else {
                s.setObject(i + 1, p);
            }
        }
    }
}
