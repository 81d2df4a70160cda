package dev.crmsuite.loyalty.analytics;

import dev.crmsuite.loyalty.expiry.LoyaltyJobs;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** Analytics move by exactly what a member does (figures are read before and after). */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AnalyticsTest {

    @Inject
    ControllableClock clock;
    @Inject
    LoyaltyJobs jobs;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    JsonPath analytics() {
        return given().queryParam("from", clock.instant().minus(Duration.ofDays(1)).toString())
                .queryParam("to", clock.instant().plus(Duration.ofDays(1)).toString())
                .queryParam("period", "DAY")
                .get(BASE + "/analytics").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void liability_flows_and_members_per_tier_reflect_the_ledger() {
        JsonPath before = analytics();
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 1_000);
        given().contentType(ContentType.JSON).body("{\"points\":400}").post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201);
        JsonPath after = analytics();

        assertThat(after.getLong("liability.points") - before.getLong("liability.points")).isEqualTo(600);
        assertThat(after.getLong("total.earned") - before.getLong("total.earned")).isEqualTo(1_000);
        assertThat(after.getLong("total.redeemed") - before.getLong("total.redeemed")).isEqualTo(400);
        assertThat(after.getLong("membersPerTier.MEMBER") - before.getLong("membersPerTier.MEMBER")).isEqualTo(1);
        assertThat(after.getDouble("redemptionRate")).isBetween(0.0, 1.0);
        assertThat(after.getList("periods")).isNotEmpty();
        assertThat(after.getString("liability.currency")).isEqualTo("CNY");
    }

    /**
     * Closed days are read from their roll-up and the rest from the ledger; the figures are the same
     * either way, before and after the jobs roll every closed day up. In 2035, where no other test
     * writes, so the days hold this test's entries alone.
     */
    @Test
    void closed_days_read_from_their_roll_up_give_the_figures_the_ledger_gives() throws Exception {
        String customer = Loyalty.member();
        try {
            ControllableClock.set(Instant.parse("2035-03-10T10:00:00Z"));
            Loyalty.bonus(customer, 1_000);
            given().contentType(ContentType.JSON).body("{\"points\":400}").post(BASE + "/accounts/" + customer + "/redemptions")
                    .then().statusCode(201);
            JsonPath live = window("DAY");
            assertThat(live.getList("periods.periodStart")).containsExactly("2035-03-10T00:00:00Z");
            assertThat(rolledUpDays()).as("only the 9th is closed, and has no entries").isEqualTo(1);

            ControllableClock.set(Instant.parse("2035-03-12T10:00:00Z"));
            Loyalty.bonus(customer, 50);
            JsonPath mixed = window("DAY");
            // The 9th, 10th and 11th are closed: rolled up when first needed, the 9th and 11th with no entries.
            assertThat(rolledUpDays()).isEqualTo(3);
            assertThat(mixed.getList("periods.periodStart")).containsExactly("2035-03-10T00:00:00Z", "2035-03-12T00:00:00Z");
            assertThat(mixed.getLong("periods[0].earned")).isEqualTo(1_000);
            assertThat(mixed.getLong("periods[0].redeemed")).isEqualTo(400);
            assertThat(mixed.getLong("periods[1].earned")).isEqualTo(50);
            assertThat(mixed.getLong("total.earned")).isEqualTo(1_050);
            assertThat(mixed.getLong("total.redeemed")).isEqualTo(400);
            JsonPath week = window("WEEK");
            assertThat(week.getList("periods.periodStart")).as("Monday 5 March and Monday 12 March")
                    .containsExactly("2035-03-05T00:00:00Z", "2035-03-12T00:00:00Z");
            assertThat(week.getLong("periods[0].earned")).isEqualTo(1_000);

            ControllableClock.set(Instant.parse("2035-03-14T10:00:00Z"));
            assertThat(jobs.rollUpLedgerDays()).as("every closed day since the ledger's first entry").isPositive();
            assertThat(jobs.rollUpLedgerDays()).as("none left").isZero();
            assertThat(rolledUpDays()).isEqualTo(5);
            JsonPath rolled = window("DAY");
            assertThat(rolled.getList("periods")).isEqualTo(mixed.getList("periods"));
            assertThat(rolled.getMap("total")).isEqualTo(mixed.getMap("total"));
            assertThat(rolled.getString("memberRedemptionRate")).isEqualTo(mixed.getString("memberRedemptionRate"));
        } finally {
            ControllableClock.reset();
            // Other tests append to today's ledger at real time: no roll-up of those days may outlive this test.
            try (Connection c = PostgresDatabase.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("delete from ledger_day_flow");
            }
        }
    }

    private JsonPath window(String period) {
        return given().queryParam("from", "2035-03-09T00:00:00Z").queryParam("to", "2035-03-14T00:00:00Z").queryParam("period", period)
                .get(BASE + "/analytics").then().statusCode(200).extract().jsonPath();
    }

    private static long rolledUpDays() throws Exception {
        try (Connection c = PostgresDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from ledger_day_flow where day >= '2035-03-09' and day < '2035-03-14'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void bad_dates_are_400_naming_the_parameter() {
        given().queryParam("from", "yesterday").get(BASE + "/analytics").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().queryParam("period", "YEAR").get(BASE + "/analytics").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("period"));
    }
}
