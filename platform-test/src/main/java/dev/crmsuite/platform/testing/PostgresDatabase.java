package dev.crmsuite.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on a real PostgreSQL server for one test run, dropped afterwards. The server is
 * the local one that {@code ./crm test} starts, or the one named by {@code CRM_TEST_PG_HOST},
 * {@code CRM_TEST_PG_PORT}, {@code CRM_TEST_PG_USER}, {@code CRM_TEST_PG_PASSWORD}.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = env("CRM_TEST_PG_HOST", "localhost");
    private static final String PORT = env("CRM_TEST_PG_PORT", "5432");
    private static final String USER = env("CRM_TEST_PG_USER", "crm");
    private static final String PASSWORD = env("CRM_TEST_PG_PASSWORD", "crm");

    private static volatile String current;
    private String database;

    @Override
    public Map<String, String> start() {
        database = "crmtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + database);
        current = database;
        return Map.of(
                "quarkus.datasource.jdbc.url", url(database),
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    /** JDBC URL of the database the running test uses, for tests that inspect rows directly. */
    public static String currentUrl() {
        return url(current);
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(currentUrl(), USER, PASSWORD);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " as " + USER
                    + " is needed for the tests (./crm test starts it): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
