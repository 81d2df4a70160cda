package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Suggestions from real purchase items on PostgreSQL: what is bought together, never what the customer has. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SuggestionsTest {

    @jakarta.inject.Inject
    SuggestionCounts counts;

    static String buy(String customer, String order, String... skus) {
        StringBuilder items = new StringBuilder();
        for (String sku : skus) {
            items.append(items.isEmpty() ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"name\":\"").append(sku)
                    .append(" item\",\"quantity\":1,\"unitPrice\":10.00}");
        }
        return given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"" + order + "\",\"amount\":" + (10 * skus.length)
                + ".00,\"currency\":\"CNY\",\"items\":[" + items + "]}").post("/api/v1/customers/" + customer + "/purchases")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void products_bought_together_are_suggested_with_the_reason_and_owned_ones_never() {
        String p = Api.unique("S");
        String tv = p + "-TV";
        String hdmi = p + "-HDMI";
        String mount = p + "-MOUNT";
        buy(Api.register(), "S-1", tv, hdmi);
        buy(Api.register(), "S-2", tv, hdmi);
        buy(Api.register(), "S-3", tv, mount);
        buy(Api.register(), "S-4", p + "-OTHER");
        String target = Api.register("{\"name\":\"" + Api.unique("Buyer") + "\",\"email\":\"" + Api.email()
                + "\",\"consents\":{\"partnerSharing\":false}}");
        buy(target, "S-5", tv);
        // Before the counts are made again, the new products are unknown to them: nothing is suggested from them.
        Response before = given().get("/api/v1/customers/" + target + "/suggestions");
        assertThat(before.<List<String>>path("items.sku")).doesNotContain(hdmi);
        assertThat(counts.refresh()).isTrue();

        Response r = given().get("/api/v1/customers/" + target + "/suggestions");
        assertThat(r.<String>path("countsAsOf")).isNotNull();
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> skus = r.path("items.sku");
        assertThat(skus).contains(hdmi).doesNotContain(tv).doesNotContain(mount); // TV+MOUNT in one basket only: noise
        int i = skus.indexOf(hdmi);
        assertThat(r.<String>path("items[" + i + "].basedOn")).isEqualTo(tv);
        assertThat(r.<String>path("items[" + i + "].name")).isEqualTo(hdmi + " item");
        assertThat(r.<Float>path("items[" + i + "].confidence")).isEqualTo(0.5f); // 2 of the 4 TV baskets
        assertThat(r.<String>path("items[" + i + "].reason")).startsWith("bought together with " + tv + " in 2 of 4 baskets that hold it (lift ");

        String partner = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-sugg", Scopes.CUSTOMERS_READ);
        given().header("Authorization", partner).get("/api/v1/customers/" + target + "/suggestions").then().statusCode(404);
    }

    @Test
    void a_product_refunded_in_full_is_no_longer_owned_and_the_segment_share_is_read_with_the_rules() {
        String p = Api.unique("R");
        String tv = p + "-TV";
        String hdmi = p + "-HDMI";
        String stand = p + "-STAND";
        // three relational customers (four purchases in the last 12 months) who buy TV with HDMI and with STAND
        for (int n = 0; n < 3; n++) {
            String c = Api.register();
            buy(c, "R-1", tv, hdmi);
            buy(c, "R-2", tv, stand);
            buy(c, "R-3", p + "-MISC");
            buy(c, "R-4", p + "-MISC2");
        }
        String target = Api.register();
        buy(target, "T-1", tv);
        String refunded = buy(target, "T-2", stand);
        buy(target, "T-3", p + "-MISC");
        buy(target, "T-4", p + "-MISC2");
        buy(target, "T-5", p + "-MISC3");
        assertThat(counts.refresh()).isTrue();
        Response owning = given().get("/api/v1/customers/" + target + "/suggestions");
        assertThat(owning.<List<String>>path("items.sku")).contains(hdmi).doesNotContain(stand, tv);

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/customers/" + target + "/purchases/" + refunded + "/refunds")
                .then().statusCode(201);
        Response r = given().get("/api/v1/customers/" + target + "/suggestions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.<String>path("segment")).isEqualTo("RELATIONAL");
        List<String> skus = r.path("items.sku");
        assertThat(skus).contains(hdmi, stand).doesNotContain(tv);
        int i = skus.indexOf(stand);
        assertThat(r.<String>path("items[" + i + "].basedOn")).isEqualTo(tv);
        // 3 of the segment's buying customers bought STAND: the share is read with the rule's counts
        assertThat(r.<Float>path("items[" + i + "].segmentShare")).isGreaterThan(0f);
        assertThat(r.<String>path("items[" + i + "].reason")).contains(" of RELATIONAL customers bought it");
    }

    /** Three customers who bought a TV with a mount, then a cable: something for the backtest to hide and find. */
    private void threeBuyersOfATvThenAnHdmiCable(String prefix) {
        String p = Api.unique(prefix);
        for (int i = 0; i < 3; i++) {
            String c = Api.register();
            buy(c, prefix + "-1", p + "-TV", p + "-MOUNT");
            buy(c, prefix + "-2", p + "-HDMI");
        }
    }

    @Test
    void the_suggestion_backtest_answers_an_admin_with_rates_beside_the_baseline() {
        threeBuyersOfATvThenAnHdmiCable("B");
        Response r = given().get("/api/v1/analytics/backtests/suggestions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.<Integer>path("customers")).isGreaterThanOrEqualTo(3);
        for (String rate : List.of("hitRateAt3", "hitRateAt5", "baselineAt3", "baselineAt5")) {
            assertThat(r.<Float>path(rate)).isBetween(0f, 1f);
        }
        assertThat(r.<Float>path("hitRateAt5")).isGreaterThanOrEqualTo(r.<Float>path("hitRateAt3"));
        given().header("Authorization", "Bearer " + InternalTokens.staff(Api.AUDIENCE, Scopes.CUSTOMERS_READ))
                .get("/api/v1/analytics/backtests/suggestions").then().statusCode(403);
        given().header("Authorization", "Bearer " + InternalTokens.staff(Api.AUDIENCE, Scopes.CUSTOMERS_READ))
                .header("Prefer", "respond-async").get("/api/v1/analytics/backtests/suggestions").then().statusCode(403);
    }

    @Test
    void the_suggestion_backtest_runs_in_the_background_when_asked_to_respond_async() {
        threeBuyersOfATvThenAnHdmiCable("BA");
        Response accepted = given().header("Prefer", "respond-async").get("/api/v1/analytics/backtests/suggestions");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(accepted.<String>path("backtest")).isEqualTo("SUGGESTIONS");
        assertThat(accepted.<String>path("status")).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(accepted.<Object>path("parameters")).isNull();
        String location = java.net.URI.create(accepted.header("Location")).getPath();
        assertThat(location).isEqualTo("/api/v1/analytics/backtests/runs/" + accepted.path("id"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(given().get(location).<String>path("status")).isEqualTo("SUCCEEDED"));
        Response run = given().get(location);
        assertThat(run.<Integer>path("result.customers")).isGreaterThanOrEqualTo(3);
        for (String rate : List.of("hitRateAt3", "hitRateAt5", "baselineAt3", "baselineAt5")) {
            assertThat(run.<Float>path("result." + rate)).isBetween(0f, 1f);
        }
        assertThat(run.<Object>path("result.flaggedHigh")).as("a suggestions result, not a risk one").isNull();
        assertThat(run.<String>path("finishedAt")).isNotNull();
        // A backtest run is not a value-tier run.
        given().get("/api/v1/value-tiers/runs/" + accepted.path("id")).then().statusCode(404);
    }

    @jakarta.inject.Inject
    dev.crmsuite.customer.run.RecordedRuns recordedRuns;

    /** Runs that hold the backtests' lane until {@code release} opens. */
    private List<java.util.UUID> holdLane(int runs, java.util.concurrent.CountDownLatch release) {
        List<java.util.UUID> holding = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            holding.add(recordedRuns.start(dev.crmsuite.customer.run.RecordedRuns.Kind.SUGGESTION_BACKTEST, dev.crmsuite.customer.run.RecordedRuns.Trigger.BACKGROUND_REQUEST,
                    "lane-test-" + i, null, () -> {
                        try {
                            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return java.util.Map.of();
                    }).id());
        }
        return holding;
    }

    private void awaitSucceeded(List<java.util.UUID> runs) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            for (java.util.UUID id : runs) {
                assertThat(given().get("/api/v1/analytics/backtests/runs/" + id).<String>path("status")).isEqualTo("SUCCEEDED");
            }
        });
    }

    @Test
    void a_full_background_lane_refuses_more_backtests_until_one_ends() throws Exception {
        // The backtests' lane held by five runs that wait (crm.runs.max-pending-per-lane is 5).
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<java.util.UUID> holding = holdLane(5, release);
        try {
            for (String backtest : List.of("suggestions", "risk?asOf=2003-06-04")) {
                given().header("Prefer", "respond-async").get("/api/v1/analytics/backtests/" + backtest).then().statusCode(409)
                        .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("/too-many-runs"));
                // Asked plainly, a backtest queues in the same lane: refused alike.
                given().get("/api/v1/analytics/backtests/" + backtest).then().statusCode(409)
                        .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("/too-many-runs"));
            }
        } finally {
            release.countDown();
        }
        awaitSucceeded(holding);
        given().header("Prefer", "respond-async").get("/api/v1/analytics/backtests/suggestions").then().statusCode(202);
    }

    @Test
    void a_plain_request_whose_run_outlasts_the_wait_gets_the_run_to_follow_instead_of_a_timeout() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<java.util.UUID> holding = holdLane(1, release);
        Response suggestions;
        Response risk;
        long started = System.nanoTime();
        try {
            // Queued behind the held run, neither can end within the wait the caller states.
            suggestions = given().header("Prefer", "wait=1").get("/api/v1/analytics/backtests/suggestions");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("waited as asked")
                    .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
            risk = given().header("Prefer", "return=minimal, wait=0").get("/api/v1/analytics/backtests/risk?asOf=2003-06-04");
            // Asked again while its run is still queued: that run, not one more in the lane.
            given().header("Prefer", "wait=0").get("/api/v1/analytics/backtests/risk?asOf=2003-06-04").then().statusCode(202)
                    .body("id", org.hamcrest.Matchers.equalTo(risk.<String>path("id")));
            given().header("Prefer", "wait=0").get("/api/v1/analytics/backtests/suggestions").then().statusCode(202)
                    .body("id", org.hamcrest.Matchers.equalTo(suggestions.<String>path("id")));
            // Other parameters, or asked to respond async: another run.
            given().header("Prefer", "wait=0").get("/api/v1/analytics/backtests/risk?asOf=2003-06-04&horizonDays=30").then()
                    .statusCode(202).body("id", org.hamcrest.Matchers.not(risk.<String>path("id")));
            given().header("Prefer", "respond-async").get("/api/v1/analytics/backtests/risk?asOf=2003-06-04").then()
                    .statusCode(202).body("id", org.hamcrest.Matchers.not(risk.<String>path("id")));
        } finally {
            release.countDown();
        }
        for (Response accepted : List.of(suggestions, risk)) {
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.header("Preference-Applied")).as("respond-async was not asked").isNull();
            assertThat(accepted.<String>path("status")).isEqualTo("QUEUED");
            assertThat(java.net.URI.create(accepted.header("Location")).getPath())
                    .isEqualTo("/api/v1/analytics/backtests/runs/" + accepted.path("id"));
        }
        assertThat(risk.<Integer>path("parameters.horizonDays")).isEqualTo(90);
        awaitSucceeded(List.of(java.util.UUID.fromString(suggestions.path("id")), java.util.UUID.fromString(risk.path("id"))));
        awaitSucceeded(holding);
        assertThat(given().get("/api/v1/analytics/backtests/runs/" + risk.path("id")).<Integer>path("result.horizonDays")).isEqualTo(90);
        // With the lane free the same plain request ends within the wait: the measures themselves.
        given().header("Prefer", "wait=30").get("/api/v1/analytics/backtests/suggestions").then().statusCode(200)
                .header("Preference-Applied", org.hamcrest.Matchers.nullValue()).body("hitRateAt3", org.hamcrest.Matchers.notNullValue());
    }
}
