package dev.crmsuite.loyalty.goodwill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.loyalty.support.EventContracts;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Goodwill points from resolved complaints, within the per-complaint and monthly budgets (500 and 1000 here). */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class GoodwillTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String resolved(String eventId, String customer, String complaintId, long points) {
        return TopicRecords.cloudEvent(eventId, "/crm/complaint-service", "crm.complaint.resolved.v1", customer,
                "{\"complaintId\":\"" + complaintId + "\",\"customerId\":\"" + customer + "\",\"resolvedAt\":\"2026-11-22T10:00:00Z\","
                        + "\"firstContactResolution\":true,\"rootCause\":\"DELIVERY\",\"outcome\":\"REFUND\",\"compensationPoints\":" + points + "}");
    }

    @Test
    void compensation_is_credited_within_budget_and_refused_with_the_reason_beyond_it() {
        String customer = Loyalty.member();
        String first = TopicRecords.newId();
        String firstEvent = TopicRecords.newId();
        TopicRecords.send("crm.complaints", customer, resolved(firstEvent, customer, first, 200));
        TopicRecords.send("crm.complaints", customer, resolved(firstEvent, customer, first, 200)); // redelivered
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, first, 200)); // resolved again
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, TopicRecords.newId(), 600));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, TopicRecords.newId(), 500));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, TopicRecords.newId(), 400));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, TopicRecords.newId(), 0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer + "/goodwill").then().statusCode(200).body("items.size()", equalTo(4)));
        Loyalty.awaitBalance(customer, 700);
        var requests = given().get(BASE + "/accounts/" + customer + "/goodwill").then().extract().jsonPath();
        assertThat(requests.getList("items.status")).containsExactly("REFUSED", "GRANTED", "REFUSED", "GRANTED");
        assertThat(requests.getString("items[0].reason")).contains("monthly budget of 1000");
        assertThat(requests.getString("items[2].reason")).contains("per-complaint budget of 500");
        given().queryParam("kind", "GOODWILL").get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items.size()", equalTo(2))
                .body("items[1].sourceRef", equalTo("complaint:" + first))
                .body("items[1].reason", containsString(first));
        assertThat(Loyalty.ledgerSum(customer)).isEqualTo(700);
    }

    static List<JsonNode> decisions(String customer) {
        return TopicRecords.eventsFor("crm.loyalty", customer).stream()
                .filter(e -> "crm.goodwill.decided.v1".equals(e.path("type").asText())).toList();
    }

    /**
     * Issue 16 item 15: loyalty refused compensation above the budget and told nobody, so the complaint showed
     * 1,000,000 points as if paid. Every decision is now published once per complaint, as documented.
     */
    @Test
    void every_decision_is_published_once_with_what_was_granted_or_refused_and_why() {
        String customer = Loyalty.member();
        String granted = TopicRecords.newId();
        String refused = TopicRecords.newId();
        String last = TopicRecords.newId();
        String grantEvent = TopicRecords.newId();
        TopicRecords.send("crm.complaints", customer, resolved(grantEvent, customer, granted, 300));
        TopicRecords.send("crm.complaints", customer, resolved(grantEvent, customer, granted, 300)); // redelivered
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, granted, 300)); // resolved again
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, refused, 1_000_000));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, refused, 1_000_000)); // resolved again
        // Same key, same partition: once the last complaint is decided, everything sent before it has been handled.
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, last, 100));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(decisions(customer))
                .anyMatch(e -> last.equals(e.path("data").path("complaintId").asText())));

        List<JsonNode> events = decisions(customer);
        assertThat(events).hasSize(3);
        assertThat(EventContracts.topicOf("crm.goodwill.decided.v1")).isEqualTo("crm.loyalty");
        for (JsonNode event : events) {
            assertThat(EventContracts.violations(event)).isEmpty();
            assertThat(event.path("subject").asText()).isEqualTo(customer);
            assertThat(event.path("data").path("customerId").asText()).isEqualTo(customer);
        }
        Map<String, JsonNode> byComplaint = events.stream().map(e -> e.path("data"))
                .collect(Collectors.toMap(d -> d.path("complaintId").asText(), Function.identity()));

        JsonNode grant = byComplaint.get(granted);
        assertThat(grant.path("status").asText()).isEqualTo("GRANTED");
        assertThat(grant.path("requestedPoints").asLong()).isEqualTo(300);
        assertThat(grant.path("grantedPoints").asLong()).isEqualTo(300);
        assertThat(grant.path("reason").isNull()).isTrue();
        assertThat(grant.path("decidedAt").asText()).isNotBlank();
        var ledger = given().queryParam("kind", "GOODWILL").get(BASE + "/accounts/" + customer + "/ledger")
                .then().statusCode(200).extract().jsonPath();
        int index = ledger.getList("items.sourceRef").indexOf("complaint:" + granted);
        assertThat(index).isNotNegative();
        assertThat(grant.path("entryId").asText()).isEqualTo(ledger.getString("items[" + index + "].entryId"));

        JsonNode refusal = byComplaint.get(refused);
        assertThat(refusal.path("status").asText()).isEqualTo("REFUSED");
        assertThat(refusal.path("requestedPoints").asLong()).isEqualTo(1_000_000);
        assertThat(refusal.path("grantedPoints").asLong()).isZero();
        assertThat(refusal.path("entryId").isNull()).isTrue();
        assertThat(refusal.path("reason").asText()).contains("1000000").contains("per-complaint budget of 500");

        assertThat(byComplaint.get(last).path("status").asText()).isEqualTo("GRANTED");
        Loyalty.awaitBalance(customer, 400);
        // The refusal is visible in loyalty too, with the same reason.
        given().get(BASE + "/accounts/" + customer + "/goodwill").then().statusCode(200)
                .body("items.find { it.complaintId == '" + refused + "' }.status", equalTo("REFUSED"))
                .body("items.find { it.complaintId == '" + refused + "' }.reason", equalTo(refusal.path("reason").asText()))
                .body("items.find { it.complaintId == '" + refused + "' }.grantedPoints", equalTo(0));
    }

    /** The contract check itself: a refusal claiming an entry, or a grant without one, breaks the documented message. */
    @Test
    void the_documented_message_refuses_an_inconsistent_decision() throws Exception {
        String customer = TopicRecords.newId();
        String good = TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/loyalty-service", "crm.goodwill.decided.v1", customer,
                "{\"complaintId\":\"" + TopicRecords.newId() + "\",\"customerId\":\"" + customer + "\",\"requestedPoints\":1000000,"
                        + "\"status\":\"REFUSED\",\"grantedPoints\":0,\"reason\":\"over budget\",\"entryId\":null,"
                        + "\"decidedAt\":\"2026-11-22T10:00:00Z\"}");
        assertThat(EventContracts.violations(TopicRecords.parse(good))).isEmpty();
        assertThat(EventContracts.violations(TopicRecords.parse(good.replace("\"entryId\":null", "\"entryId\":\"" + TopicRecords.newId() + "\""))))
                .isNotEmpty();
        assertThat(EventContracts.violations(TopicRecords.parse(good.replace("\"REFUSED\"", "\"GRANTED\"")))).isNotEmpty();
        assertThat(EventContracts.violations(TopicRecords.parse(good.replace("\"reason\":\"over budget\",", "")))).isNotEmpty();
    }

    /** Issue 16 item 4: a manual GOODWILL posting bypassed both budgets; goodwill now comes only from complaints. */
    @Test
    void goodwill_cannot_be_posted_by_hand_past_the_budget() {
        String customer = Loyalty.member();
        given().contentType(ContentType.JSON).body("{\"kind\":\"GOODWILL\",\"points\":1000000,\"reason\":\"sorry\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("kind"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"GOODWILL\",\"points\":10,\"reason\":\"sorry\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).body("errors.field", hasItem("kind"));
        given().queryParam("kind", "GOODWILL").get(BASE + "/accounts/" + customer + "/ledger").then()
                .statusCode(200).body("items.size()", equalTo(0));
        assertThat(Loyalty.ledgerSum(customer)).isZero();
    }
}
