package dev.crmsuite.complaint.compensation;

import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.act;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Compensation shows what loyalty-service decided (crm.goodwill.decided.v1, a real Kafka record), never the request alone. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class GoodwillOutcomesTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void monday() {
        clock.set(Api.berlin("2026-11-23T10:00"));
    }

    static String resolvedWith(String customer, Integer points) {
        String id = Api.fileId(customer, "PHONE", "PRODUCT");
        act(id, "acknowledge").statusCode(200);
        act(id, "start").statusCode(200);
        Api.resolve(id, false, points).statusCode(200);
        return id;
    }

    static void adjusted(String customer, String kind, String sourceRef, int points) {
        TopicRecords.send("crm.loyalty", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/loyalty-service",
                "crm.points.adjusted.v1", customer, """
                        {"customerId":"%s","entryId":"%s","points":%d,"balance":%d,"expiringNext":null,
                         "kind":"%s","sourceRef":%s}""".formatted(customer, UUID.randomUUID(), points, points,
                        kind, Api.json(sourceRef))));
    }

    /** loyalty-service's decision on a complaint's compensation request, as it publishes it; returns the event id. */
    static String decided(String eventId, String customer, String complaintId, int requested, String status, int granted,
                          String reason) {
        TopicRecords.send("crm.loyalty", customer, TopicRecords.cloudEvent(eventId, "/crm/loyalty-service",
                "crm.goodwill.decided.v1", customer, """
                        {"complaintId":"%s","customerId":"%s","requestedPoints":%d,"status":"%s","grantedPoints":%d,
                         "reason":%s,"entryId":%s,"decidedAt":"2026-11-23T09:00:05Z"}""".formatted(complaintId, customer, requested,
                        status, granted, Api.json(reason), "GRANTED".equals(status) ? Api.json(UUID.randomUUID().toString()) : "null")));
        return eventId;
    }

    @Test
    void requested_points_are_shown_as_requested_until_loyalty_grants_them() {
        String customer = Api.newCustomer();
        String id = resolvedWith(customer, 250);
        Api.get(id).body("resolution.compensationPoints", equalTo(250))
                .body("resolution.compensationStatus", equalTo("REQUESTED"))
                .body("resolution.compensationGrantedPoints", nullValue());
        decided(TopicRecords.newId(), customer, id, 250, "GRANTED", 250, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id)
                .body("resolution.compensationStatus", equalTo("GRANTED")));
        Api.get(id).body("resolution.compensationGrantedPoints", equalTo(250))
                .body("resolution.compensationReason", nullValue())
                .body("resolution.compensationDecidedAt", equalTo("2026-11-23T09:00:05Z"));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'compensationStatus' && it.newValue == 'GRANTED' }.actor", equalTo("system"))
                .body("items.find { it.field == 'compensationGrantedPoints' }.newValue", equalTo("250"))
                .body("items.find { it.field == 'compensationStatus' && it.newValue == 'REQUESTED' }.actor", equalTo("ann"));
    }

    /**
     * Compensation above the goodwill budget (issue 16 item 15): loyalty refuses it, and the complaint says so
     * with loyalty's reason, in the audit and as an internal note the handler reads; once, however often the
     * decision is delivered.
     */
    @Test
    void a_refusal_is_shown_with_its_reason_and_told_to_the_handler_once() {
        String customer = Api.newCustomer();
        String id = resolvedWith(customer, 1_000_000);
        String reason = "exceeds the monthly goodwill budget: 1000 of 5000 left";
        String eventId = decided(TopicRecords.newId(), customer, id, 1_000_000, "REFUSED", 0, reason);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id)
                .body("resolution.compensationStatus", equalTo("REFUSED")));
        // Redelivered, and (should loyalty ever answer twice) a second decision: the first one stands, told once.
        decided(eventId, customer, id, 1_000_000, "REFUSED", 0, reason);
        decided(TopicRecords.newId(), customer, id, 1_000_000, "GRANTED", 1_000_000, null);
        String other = resolvedWith(customer, 10);
        decided(TopicRecords.newId(), customer, other, 10, "GRANTED", 10, null); // after those on the customer's partition
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(other)
                .body("resolution.compensationStatus", equalTo("GRANTED")));

        Api.get(id).body("resolution.compensationPoints", equalTo(1_000_000))
                .body("resolution.compensationStatus", equalTo("REFUSED"))
                .body("resolution.compensationGrantedPoints", equalTo(0))
                .body("resolution.compensationReason", equalTo(reason));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.findAll { it.field == 'compensationStatus' }.newValue", contains("REQUESTED", "REFUSED"))
                .body("items.find { it.field == 'compensationReason' }.newValue", equalTo(reason))
                .body("items.find { it.field == 'compensationReason' }.actor", equalTo("system"));
        given().queryParam("visibility", "INTERNAL").get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.findAll { it.body.startsWith('Compensation refused') }.size()", equalTo(1))
                .body("items.find { it.body.startsWith('Compensation refused') }.body", containsString(reason))
                .body("items.find { it.body.startsWith('Compensation refused') }.author", equalTo("system"));
    }

    /** The decision is the one source: loyalty's GOODWILL ledger entry alone grants nothing any more. */
    @Test
    void a_goodwill_ledger_entry_is_no_decision() {
        String customer = Api.newCustomer();
        String id = resolvedWith(customer, 250);
        adjusted(customer, "GOODWILL", "complaint:" + id, 250);
        String other = resolvedWith(customer, 10);
        decided(TopicRecords.newId(), customer, other, 10, "GRANTED", 10, null); // after the entry on the customer's partition
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(other)
                .body("resolution.compensationStatus", equalTo("GRANTED")));
        Api.get(id).body("resolution.compensationStatus", equalTo("REQUESTED"))
                .body("resolution.compensationGrantedPoints", nullValue());
    }

    /** A decision that can never be applied goes to the dead-letter topic, not into the complaint. */
    @Test
    void a_decision_without_a_known_status_changes_nothing() {
        String customer = Api.newCustomer();
        String id = resolvedWith(customer, 250);
        decided(TopicRecords.newId(), customer, id, 250, "MAYBE", 0, null);
        String other = resolvedWith(customer, 10);
        decided(TopicRecords.newId(), customer, other, 10, "GRANTED", 10, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(other)
                .body("resolution.compensationStatus", equalTo("GRANTED")));
        Api.get(id).body("resolution.compensationStatus", equalTo("REQUESTED"));
    }

    @Test
    void no_points_asked_means_no_compensation_status() {
        String id = resolvedWith(Api.newCustomer(), null);
        Api.get(id).body("resolution.compensationPoints", equalTo(0)).body("resolution.compensationStatus", nullValue());
    }
}
