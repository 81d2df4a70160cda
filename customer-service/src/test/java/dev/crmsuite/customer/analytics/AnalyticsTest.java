package dev.crmsuite.customer.analytics;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.crmsuite.customer.support.Api.purchase;
import static dev.crmsuite.customer.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** The manager's view: counts, shares, averages, follow-ups and the account-manager scorecard. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AnalyticsTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void the_scorecard_counts_an_account_managers_work() {
        String manager = unique("am");
        String a = Api.registerManaged(manager);
        Api.registerManaged(manager);
        purchase(a, "AN-1", "100.00", false, null);
        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString();
        String f = given().contentType(ContentType.JSON).body("{\"dueAt\":\"" + soon + "\",\"reason\":\"thank-you call\"}")
                .post("/api/v1/customers/" + a + "/follow-ups").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"outcome\":\"done\"}").post("/api/v1/follow-ups/" + f + "/completion").then().statusCode(200);
        String late = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString();
        given().contentType(ContentType.JSON).body("{\"dueAt\":\"" + late + "\",\"reason\":\"overdue call\"}")
                .post("/api/v1/customers/" + a + "/follow-ups").then().statusCode(201);

        JsonPath body = given().get("/api/v1/analytics/customers").then().statusCode(200).extract().jsonPath();
        Map<String, Object> card = body.getMap("accountManagers.find { it.accountManager == '" + manager + "' }");
        assertThat(card).containsEntry("followUpsDone", 1).containsEntry("followUpsDoneOnTime", 1).containsEntry("followUpsOverdue", 1)
                .containsEntry("stageMoves", 1);
        assertThat(body.getMap("accountManagers.find { it.accountManager == '" + manager + "' }.customersByStage"))
                .containsEntry("TRUSTING", 1).containsEntry("PROSPECT", 1);
        Map<String, Integer> byStage = body.getMap("byStage");
        assertThat(byStage.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(body.getLong("customers"));
        Map<String, Integer> bySegment = body.getMap("bySegment");
        assertThat(bySegment.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(body.getLong("customers"));
        Map<String, Float> share = body.getMap("revenueShareByTier");
        assertThat(share.values().stream().mapToDouble(Float::doubleValue).sum()).isBetween(0.99, 1.01);
        assertThat(body.getLong("followUps.overdue")).isGreaterThanOrEqualTo(1);
        assertThat(body.getMap("averageLifetimeValueBySegment")).isNotEmpty();
    }

    @Test
    void bad_periods_are_400_naming_the_parameter() {
        given().queryParam("to", "tomorrow").get("/api/v1/analytics/customers").then().statusCode(400).body("errors.field", hasItem("to"));
        given().queryParam("from", "2027-01-01").queryParam("to", "2026-01-01").get("/api/v1/analytics/customers").then()
                .statusCode(400).body("errors.field", hasItem("from"));
    }
}
