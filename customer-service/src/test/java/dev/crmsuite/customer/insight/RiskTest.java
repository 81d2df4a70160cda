package dev.crmsuite.customer.insight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers at risk on real PostgreSQL, on a moved clock: a monthly buyer goes MEDIUM then HIGH as the
 * silence grows, the account manager of a key account gets one follow-up per episode, a purchase ends
 * the episode, each change is published; the list filters and hides what a partner may not see.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RiskTest {

    @Inject
    RiskAssessments assessments;

    @AfterEach
    void realTime() {
        ControllableClock.useRealTime();
    }

    static void now(String instant) {
        ControllableClock.set(Instant.parse(instant));
    }

    static String keyAccount(String manager, boolean sharing) {
        String id = Api.register("{\"name\":\"" + Api.unique("Risk") + "\",\"email\":\"" + Api.email() + "\",\"accountManager\":\"" + manager
                + "\",\"consents\":{\"partnerSharing\":" + sharing + "}}");
        given().contentType(ContentType.JSON).body("{\"priceSensitivity\":\"LOW\",\"relationshipOrientation\":\"HIGH\",\"keyAccount\":true}")
                .put("/api/v1/customers/" + id + "/segmentation").then().statusCode(200);
        return id;
    }

    static Response atRisk(String manager, String... more) {
        var request = given().queryParam("accountManager", manager);
        for (int i = 0; i + 1 < more.length; i += 2) {
            request.queryParam(more[i], more[i + 1]);
        }
        return request.get("/api/v1/analytics/at-risk");
    }

    static List<String> atRiskFollowUps(String customerId) {
        return given().get("/api/v1/customers/" + customerId + "/follow-ups").then().statusCode(200).extract()
                .<List<String>>path("items.findAll { it.rule == 'AT_RISK' }.reason");
    }

    @Test
    void a_monthly_buyer_falls_silent_becomes_high_gets_one_follow_up_and_a_purchase_ends_the_episode() {
        String manager = Api.unique("risk-am");
        now("2031-03-02T12:00:00Z");
        String id = keyAccount(manager, true);
        Api.purchase(id, "R-1", "100.00", false, "2031-01-01T10:00:00Z");
        Api.purchase(id, "R-2", "100.00", false, "2031-01-31T10:00:00Z");
        Api.purchase(id, "R-3", "100.00", false, "2031-03-02T10:00:00Z");
        given().get("/api/v1/customers/" + id + "/risk").then().statusCode(200)
                .body("level", org.hamcrest.Matchers.equalTo("LOW"))
                .body("usualIntervalDays", org.hamcrest.Matchers.equalTo(30))
                .body("expectedNextPurchaseAt", org.hamcrest.Matchers.equalTo("2031-04-01T10:00:00Z"));
        assertThat(atRisk(manager).<List<String>>path("items")).isEmpty();

        now("2031-04-20T12:00:00Z");
        assessments.sweep();
        Response medium = atRisk(manager);
        assertThat(medium.<List<String>>path("items.customerId")).containsExactly(id);
        assertThat(medium.<String>path("items[0].risk.level")).isEqualTo("MEDIUM");
        assertThat(medium.<List<String>>path("items[0].risk.reasons")).containsExactly("no purchase for 49 days, usually every 30");
        assertThat(medium.<String>path("items[0].segment")).isEqualTo("KEY_ACCOUNT");
        assertThat(atRisk(manager, "level", "HIGH").<List<String>>path("items")).isEmpty();
        assertThat(atRiskFollowUps(id)).isEmpty();

        now("2031-06-04T12:00:00Z");
        assessments.sweep();
        assertThat(atRisk(manager, "level", "HIGH").<List<String>>path("items[0].risk.reasons"))
                .containsExactly("no purchase for 94 days, usually every 30");
        assertThat(atRiskFollowUps(id)).containsExactly("At risk: no purchase for 94 days, usually every 30");
        given().get("/api/v1/customers/" + id + "/follow-ups").then().body("items.find { it.rule == 'AT_RISK' }.owner",
                org.hamcrest.Matchers.equalTo(manager));

        // still HIGH the next day: the same episode, no second task, no new event
        now("2031-06-05T12:00:00Z");
        assessments.sweep();
        assertThat(atRiskFollowUps(id)).hasSize(1);

        // a purchase ends the episode at once
        Api.purchase(id, "R-4", "100.00", false, null);
        assertThat(atRisk(manager).<List<String>>path("items")).isEmpty();

        // silent again long enough: a new episode, a new task (days 01-01, 01-31, 03-02, 06-05: gaps 30, 30, 95 -> 30)
        now("2031-09-20T12:00:00Z");
        assessments.sweep();
        assertThat(atRiskFollowUps(id)).hasSize(2);

        List<JsonNode> events = Api.events(id, RiskChanged.TYPE, 4);
        assertThat(events).extracting(e -> e.get("level").asText()).containsExactly("MEDIUM", "HIGH", "LOW", "HIGH");
        assertThat(events.get(0).get("previousLevel").asText()).isEqualTo("LOW");
        assertThat(events.get(1).get("reasons").get(0).asText()).isEqualTo("no purchase for 94 days, usually every 30");
        assertThat(events.get(1).get("accountManager").asText()).isEqualTo(manager);
        assertThat(events.get(1).get("segment").asText()).isEqualTo("KEY_ACCOUNT");
    }

    @Test
    void the_list_filters_hides_what_a_partner_may_not_see_and_refuses_bad_input() {
        String manager = Api.unique("risk-am");
        now("2031-03-02T12:00:00Z");
        String visible = keyAccount(manager, true);
        String hidden = keyAccount(manager, false);
        for (String id : List.of(visible, hidden)) {
            Api.purchase(id, "L-1", "100.00", false, "2031-01-01T10:00:00Z");
            Api.purchase(id, "L-2", "100.00", false, "2031-01-31T10:00:00Z");
        }
        now("2031-05-20T12:00:00Z");
        assessments.sweep();
        assertThat(atRisk(manager).<List<String>>path("items.customerId")).containsExactlyInAnyOrder(visible, hidden);
        assertThat(atRisk(manager, "segment", "TRANSACTIONAL").<List<String>>path("items")).isEmpty();
        assertThat(atRisk(manager, "segment", "KEY_ACCOUNT", "limit", "1").<String>path("nextCursor")).isNotNull();
        String partner = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-risk", Scopes.CUSTOMERS_READ);
        assertThat(given().header("Authorization", partner).queryParam("accountManager", manager).get("/api/v1/analytics/at-risk")
                .<List<String>>path("items.customerId")).containsExactly(visible);
        given().header("Authorization", partner).get("/api/v1/customers/" + hidden + "/risk").then().statusCode(404);
        given().header("Authorization", partner).get("/api/v1/customers/" + visible + "/risk").then().statusCode(200);

        for (String[] bad : List.of(new String[]{"level", "LOW"}, new String[]{"segment", "VIP"}, new String[]{"valueTier", "Z"},
                new String[]{"cursor", "bm9wZQ"}, new String[]{"limit", "0"})) {
            given().queryParam(bad[0], bad[1]).get("/api/v1/analytics/at-risk").then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void the_risk_backtest_replays_history_as_of_a_past_date() {
        // the hand-made history of RiskBacktestTest, in 2003 where no other test buys
        String[][] buyers = {{"2003-01-01", "2003-01-31", "2003-03-02"}, {"2003-01-01", "2003-01-31", "2003-03-02"},
                {"2003-01-01", "2003-01-31", "2003-03-02", "2003-07-01"}, {"2003-03-31", "2003-04-30", "2003-05-30"}};
        for (String[] days : buyers) {
            String id = Api.register();
            for (int i = 0; i < days.length; i++) {
                Api.purchase(id, "BT-" + i, "100.00", false, days[i] + "T10:00:00Z");
            }
        }
        given().queryParam("asOf", "2003-06-04").queryParam("horizonDays", 90).get("/api/v1/analytics/backtests/risk").then()
                .statusCode(200)
                .body("customers", org.hamcrest.Matchers.equalTo(4))
                .body("flaggedHigh", org.hamcrest.Matchers.equalTo(3))
                .body("stopped", org.hamcrest.Matchers.equalTo(3))
                .body("truePositives", org.hamcrest.Matchers.equalTo(2));
        for (String[] bad : List.of(new String[]{"asOf", "yesterday"}, new String[]{"horizonDays", "1"}, new String[]{"asOf", "2999-01-01"})) {
            given().queryParam(bad[0], bad[1]).get("/api/v1/analytics/backtests/risk").then().statusCode(400)
                    .contentType("application/problem+json");
            given().header("Prefer", "respond-async").queryParam(bad[0], bad[1]).get("/api/v1/analytics/backtests/risk").then()
                    .statusCode(400).contentType("application/problem+json");
        }

        // In the background: 202 at once, the run to follow, and the same measures when it is done.
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> accepted = given()
                .header("Prefer", "respond-async").queryParam("asOf", "2003-06-04").queryParam("horizonDays", 90)
                .get("/api/v1/analytics/backtests/risk").then().statusCode(202).header("Preference-Applied", "respond-async")
                .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "SUCCEEDED"))
                .body("backtest", org.hamcrest.Matchers.equalTo("RISK"))
                .body("parameters.horizonDays", org.hamcrest.Matchers.equalTo(90)).extract();
        String location = java.net.URI.create(accepted.header("Location")).getPath();
        assertThat(location).isEqualTo("/api/v1/analytics/backtests/runs/" + accepted.path("id"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(location).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("SUCCEEDED")));
        given().get(location).then().body("parameters.asOf", org.hamcrest.Matchers.equalTo("2003-06-04T00:00:00Z"))
                .body("result.customers", org.hamcrest.Matchers.equalTo(4)).body("result.flaggedHigh", org.hamcrest.Matchers.equalTo(3))
                .body("result.stopped", org.hamcrest.Matchers.equalTo(3)).body("result.truePositives", org.hamcrest.Matchers.equalTo(2))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue()).body("error", org.hamcrest.Matchers.nullValue());
        // A backtest run is not a value-tier run, nor the other way round; an unknown run is 404.
        given().get("/api/v1/value-tiers/runs/" + accepted.path("id")).then().statusCode(404);
        given().get("/api/v1/analytics/backtests/runs/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
