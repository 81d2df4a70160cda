package dev.crmsuite.customer.access;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static io.restassured.RestAssured.given;

/**
 * A customer with what the operations act on (a purchase, an open follow-up, a second customer to
 * refer or merge into, a touchpoint, a finished value-tier run and backtest run), created by an admin. {@code sharing} is its partner-sharing consent.
 */
record Fixture(String id, String other, String purchase, String followUp, String touchpoint, String run, String backtestRun) {

    static Fixture create(boolean sharing) {
        String id = customer(sharing);
        String other = customer(sharing);
        String purchase = Api.purchase(id, "ACC-1", "100.00", false, null);
        String followUp = followUp(id, "2030-01-01T09:00:00Z");
        String touchpoint = given().contentType(ContentType.JSON).body("{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"SALE\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(201).extract().path("id");
        return new Fixture(id, other, purchase, followUp, touchpoint, finishedRun("VALUE_TIERS"), finishedRun("RISK_BACKTEST"));
    }

    /** A run of that kind (a recomputation of value tiers, a backtest) that ended, recorded straight in the database. */
    static String finishedRun(String kind) {
        String run = java.util.UUID.randomUUID().toString();
        try (Connection c = PostgresDatabase.connect()) {
            c.createStatement().executeUpdate("insert into recorded_run (id, kind, trigger, requested_by, status, created_at, started_at, "
                    + "heartbeat_at, finished_at, error) values ('" + run + "', '" + kind + "', 'REQUEST', 'access-test', 'FAILED', now(), now(), now(), now(), "
                    + "'the run failed (test)')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return run;
    }

    static String customer(boolean sharing) {
        return customer(sharing, "");
    }

    /** A customer registered by an admin; {@code extra} adds members to the body (",\"tags\":[...]"). */
    static String customer(boolean sharing, String extra) {
        return Api.register("{\"name\":\"" + Api.unique("Access") + "\",\"email\":\"" + Api.email()
                + "\",\"consents\":{\"marketing\":false,\"partnerSharing\":" + sharing + "}" + extra + "}");
    }

    static String followUp(String customerId, String dueAt) {
        return followUp(customerId, dueAt, null);
    }

    static String followUp(String customerId, String dueAt, String owner) {
        return given().contentType(ContentType.JSON)
                .body("{\"dueAt\":\"" + dueAt + "\",\"reason\":\"access test\"" + (owner == null ? "" : ",\"owner\":\"" + owner + "\"") + "}")
                .post("/api/v1/customers/" + customerId + "/follow-ups").then().statusCode(201).extract().path("id");
    }

    String fill(String template) {
        return template.replace("{id}", id).replace("{other}", other).replace("{purchase}", purchase)
                .replace("{followUp}", followUp).replace("{touchpoint}", touchpoint).replace("{run}", run).replace("{backtestRun}", backtestRun).replace("{email}", Api.email());
    }

    /**
     * What any write of this service would change, read straight from the database: a refused write
     * must leave it as it was. Counts and versions of every table the API writes, and the last event
     * appended to the outbox.
     */
    static String databaseState() {
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery("""
                     select concat_ws(' | ',
                       (select count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at)::text, '') from customer),
                       (select count(*) from customer_email),
                       (select coalesce(max(id), 0) from customer_history),
                       (select count(*) from touchpoint),
                       (select count(*) || '/' || count(*) filter (where status <> 'OPEN') from follow_up),
                       (select count(*) || '/' || coalesce(sum(refunded_amount), 0) from purchase),
                       (select count(*) from refund),
                       (select count(*) from referral),
                       (select count(*) from customer_loss),
                       (select count(*) from idempotency_record),
                       (select coalesce(max(seq), 0) from outbox_event))""")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
