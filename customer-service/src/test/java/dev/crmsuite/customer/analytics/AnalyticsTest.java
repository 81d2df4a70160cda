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

import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.TopicRecords;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static dev.crmsuite.customer.support.Api.purchase;
import static dev.crmsuite.customer.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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

    static String complaintEvent(String eventId, String type, String customerId, String complaintId, String timeField, String at) {
        return TopicRecords.cloudEvent(eventId, "/crm/complaint-service", type, customerId, "{\"complaintId\":\"" + complaintId
                + "\",\"customerId\":\"" + customerId + "\",\"" + timeField + "\":\"" + at + "\"}");
    }

    static void filed(String eventId, String customerId, String complaintId, String at) {
        TopicRecords.send("crm.complaints", customerId, complaintEvent(eventId, "crm.complaint.filed.v1", customerId, complaintId, "filedAt", at));
    }

    static void resolved(String eventId, String customerId, String complaintId, String at) {
        TopicRecords.send("crm.complaints", customerId,
                complaintEvent(eventId, "crm.complaint.resolved.v1", customerId, complaintId, "resolvedAt", at));
    }

    static Map<String, Object> card(String manager) {
        return given().queryParam("from", "2031-03-01").queryParam("to", "2031-04-01").get("/api/v1/analytics/customers")
                .then().statusCode(200).extract().jsonPath().getMap("accountManagers.find { it.accountManager == '" + manager + "' }");
    }

    @Test
    void the_scorecard_counts_complaints_filed_and_resolved_for_the_managers_customers_from_the_events() {
        String manager = unique("am");
        String other = unique("am");
        String customer = Api.registerManaged(manager);
        String duplicate = Api.registerManaged(other);
        String c1 = TopicRecords.newId();
        String c2 = TopicRecords.newId();
        String c3 = TopicRecords.newId();
        // c1: filed and resolved in March (10 h), delivered twice and resolved again under a new event id.
        String c1Filed = TopicRecords.newId();
        filed(c1Filed, customer, c1, "2031-03-02T08:00:00Z");
        filed(c1Filed, customer, c1, "2031-03-02T08:00:00Z");
        resolved(TopicRecords.newId(), customer, c1, "2031-03-02T18:00:00Z");
        resolved(TopicRecords.newId(), customer, c1, "2031-03-02T18:00:00Z");
        // c2: filed in February, resolved in March (96 h): resolved in the period, not filed in it.
        filed(TopicRecords.newId(), customer, c2, "2031-02-26T00:00:00Z");
        resolved(TopicRecords.newId(), customer, c2, "2031-03-02T00:00:00Z");
        // c3: filed for the duplicate, which is then merged into the customer, and resolved naming the old id (30 h).
        filed(TopicRecords.newId(), duplicate, c3, "2031-03-05T00:00:00Z");
        // An event about a customer we do not know counts for nobody.
        String stranger = UUID.randomUUID().toString();
        filed(TopicRecords.newId(), stranger, TopicRecords.newId(), "2031-03-05T00:00:00Z");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(card(manager)).containsEntry("complaintsFiled", 1).containsEntry("complaintsResolved", 2);
            assertThat(card(other)).containsEntry("complaintsFiled", 1).containsEntry("complaintsResolved", 0);
        });
        // Median of 10 h and 96 h.
        assertThat(((Number) card(manager).get("medianResolutionHours")).doubleValue()).isEqualTo(53.0);
        assertThat(card(other).get("medianResolutionHours")).isNull();

        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + customer + "\"}")
                .post("/api/v1/customers/" + duplicate + "/merge").then().statusCode(200);
        resolved(TopicRecords.newId(), duplicate, c3, "2031-03-06T06:00:00Z");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(card(manager)).containsEntry("complaintsFiled", 2).containsEntry("complaintsResolved", 3));
        // Median of 10 h, 30 h and 96 h; the duplicate's former manager no longer has it.
        assertThat(((Number) card(manager).get("medianResolutionHours")).doubleValue()).isEqualTo(30.0);
        assertThat(card(other)).isNull();
        // Another period counts what happened in it only.
        Map<String, Object> february = given().queryParam("from", "2031-02-01").queryParam("to", "2031-03-01")
                .get("/api/v1/analytics/customers").then().statusCode(200).extract().jsonPath()
                .getMap("accountManagers.find { it.accountManager == '" + manager + "' }");
        assertThat(february).containsEntry("complaintsFiled", 1).containsEntry("complaintsResolved", 0);
    }

    static void exitReasons(String eventId, String customerId, String responseId, String submittedAt, String... reasons) {
        String list = java.util.Arrays.stream(reasons).map(r -> "\"" + r + "\"").collect(java.util.stream.Collectors.joining(","));
        TopicRecords.send("crm.surveys", customerId, TopicRecords.cloudEvent(eventId, "/crm/survey-service",
                "crm.survey.exit-reasons.recorded.v1", customerId, "{\"responseId\":\"" + responseId + "\",\"surveyId\":\""
                        + UUID.randomUUID() + "\",\"customerId\":\"" + customerId + "\",\"reasons\":[" + list + "],\"submittedAt\":\""
                        + submittedAt + "\"}"));
    }

    static void markLost(String customerId, String code) {
        given().contentType(ContentType.JSON).body("{\"stage\":\"LOST\",\"reason\":\"left\",\"lostReasonCode\":\"" + code
                + "\",\"lostReasonText\":\"told us on the phone\"}").put("/api/v1/customers/" + customerId + "/stage").then().statusCode(200);
    }

    @Test
    void the_lost_customer_analysis_shows_exit_survey_reasons_beside_the_reason_codes() {
        String a = Api.register();
        String b = Api.register();
        String silent = Api.register();
        String survivor = Api.register();
        String duplicate = Api.register();
        String earlier = Api.register();
        try {
            ControllableClock.set(Instant.parse("2033-06-01T10:00:00Z"));
            markLost(earlier, "OTHER");
            ControllableClock.set(Instant.parse("2033-07-10T10:00:00Z"));
            markLost(a, "PRICE");
            markLost(b, "SERVICE");
            markLost(silent, "PRICE");
            markLost(survivor, "COMPETITOR");
        } finally {
            ControllableClock.useRealTime();
        }
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + survivor + "\"}")
                .post("/api/v1/customers/" + duplicate + "/merge").then().statusCode(200);
        String aEvent = TopicRecords.newId();
        String aResponse = TopicRecords.newId();
        exitReasons(aEvent, a, aResponse, "2033-07-11T09:00:00Z", "too expensive", "rude staff");
        // Redelivered, and the same response under another event id: counted once.
        exitReasons(aEvent, a, aResponse, "2033-07-11T09:00:00Z", "too expensive", "rude staff");
        exitReasons(TopicRecords.newId(), a, aResponse, "2033-07-11T09:00:00Z", "too expensive", "rude staff");
        exitReasons(TopicRecords.newId(), b, TopicRecords.newId(), "2033-07-12T09:00:00Z", "too expensive");
        // Given before this loss: not what b says about it.
        exitReasons(TopicRecords.newId(), b, TopicRecords.newId(), "2033-07-01T09:00:00Z", "moved away");
        // Naming the merged duplicate: the survivor's answer.
        exitReasons(TopicRecords.newId(), duplicate, TopicRecords.newId(), "2033-07-13T09:00:00Z", "rude staff", "found a better shop");
        // Lost in June: another period's answer. An unknown customer's answer: skipped.
        exitReasons(TopicRecords.newId(), earlier, TopicRecords.newId(), "2033-06-02T09:00:00Z", "moved away");
        exitReasons(TopicRecords.newId(), UUID.randomUUID().toString(), TopicRecords.newId(), "2033-07-13T09:00:00Z", "ghost");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("from", "2033-07-01").queryParam("to", "2033-08-01").get("/api/v1/analytics/lost-customers")
                        .then().statusCode(200)
                        .body("total", org.hamcrest.Matchers.equalTo(4))
                        .body("byReason.PRICE", org.hamcrest.Matchers.equalTo(2))
                        .body("byReason.SERVICE", org.hamcrest.Matchers.equalTo(1))
                        .body("exitSurvey.answered", org.hamcrest.Matchers.equalTo(3))
                        .body("exitSurvey.byReason", org.hamcrest.Matchers.equalTo(Map.of("too expensive", 2, "rude staff", 2,
                                "found a better shop", 1))));
        given().queryParam("from", "2033-06-01").queryParam("to", "2033-07-01").get("/api/v1/analytics/lost-customers").then()
                .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1))
                .body("exitSurvey.answered", org.hamcrest.Matchers.equalTo(1))
                .body("exitSurvey.byReason", org.hamcrest.Matchers.equalTo(Map.of("moved away", 1)));
        given().queryParam("from", "2001-01-01").queryParam("to", "2002-01-01").get("/api/v1/analytics/lost-customers").then()
                .statusCode(200).body("exitSurvey.answered", org.hamcrest.Matchers.equalTo(0))
                .body("exitSurvey.byReason", org.hamcrest.Matchers.equalTo(Map.of()));
    }

    @Test
    void bad_periods_are_400_naming_the_parameter() {
        given().queryParam("to", "tomorrow").get("/api/v1/analytics/customers").then().statusCode(400).body("errors.field", hasItem("to"));
        given().queryParam("from", "2027-01-01").queryParam("to", "2026-01-01").get("/api/v1/analytics/customers").then()
                .statusCode(400).body("errors.field", hasItem("from"));
    }
}
