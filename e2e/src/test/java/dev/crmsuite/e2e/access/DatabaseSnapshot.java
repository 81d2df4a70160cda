package dev.crmsuite.e2e.access;

import dev.crmsuite.e2e.RunningSuite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every row of every table of the five services' databases, read directly (as each database's
 * owner, which the running suite created): the ground truth of "a refused write changed nothing",
 * including what no API shows (audit trails, outboxes, idempotency records, webhooks' deliveries).
 */
record DatabaseSnapshot(Map<String, TreeSet<String>> rows) {

    /**
     * Tables no request writes: Flyway's own history, the gateway replicas' heartbeats and the
     * suggestions' basket counts (both rewritten by background jobs on their own schedule).
     */
    private static final java.util.Set<String> IGNORED = java.util.Set.of("flyway_schema_history", "gateway_replica",
            "suggestion_counts", "suggestion_product", "suggestion_pair", "suggestion_segment", "suggestion_segment_product");

    static DatabaseSnapshot take() {
        Map<String, TreeSet<String>> rows = new TreeMap<>();
        for (String service : RunningSuite.SERVICES) {
            RunningSuite.Database db = RunningSuite.database(service);
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet t = s.executeQuery("select table_name from information_schema.tables "
                        + "where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name")) {
                    while (t.next()) {
                        tables.add(t.getString(1));
                    }
                }
                for (String table : tables) {
                    if (IGNORED.contains(table)) {
                        continue;
                    }
                    TreeSet<String> content = new TreeSet<>();
                    try (ResultSet r = s.executeQuery("select t::text from \"" + table + "\" t")) {
                        while (r.next()) {
                            content.add(r.getString(1));
                        }
                    }
                    rows.put(service + "." + table, content);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database of " + service + ": " + e.getMessage(), e);
            }
        }
        return new DatabaseSnapshot(rows);
    }

    /**
     * Takes snapshots until two in a row, {@code pauseMillis} apart, are equal: the event pipeline and
     * the projections have settled. Gives up after {@code attempts} and returns the last one.
     */
    static DatabaseSnapshot settled(int attempts, long pauseMillis) throws InterruptedException {
        DatabaseSnapshot last = take();
        for (int i = 0; i < attempts; i++) {
            Thread.sleep(pauseMillis);
            DatabaseSnapshot next = take();
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        return last;
    }

    int rowCount() {
        return rows.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** What changed from {@code before} to this snapshot, per table: rows added (+) and removed (-), a few each. */
    Map<String, List<String>> changesSince(DatabaseSnapshot before) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        TreeSet<String> tables = new TreeSet<>(rows.keySet());
        tables.addAll(before.rows.keySet());
        for (String table : tables) {
            TreeSet<String> now = rows.getOrDefault(table, new TreeSet<>());
            TreeSet<String> then = before.rows.getOrDefault(table, new TreeSet<>());
            if (now.equals(then)) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            now.stream().filter(r -> !then.contains(r)).limit(5).forEach(r -> lines.add("+ " + shorten(r)));
            then.stream().filter(r -> !now.contains(r)).limit(5).forEach(r -> lines.add("- " + shorten(r)));
            changes.put(table, lines);
        }
        return changes;
    }

    private static String shorten(String row) {
        return row.length() > 400 ? row.substring(0, 400) + "…" : row;
    }
}
