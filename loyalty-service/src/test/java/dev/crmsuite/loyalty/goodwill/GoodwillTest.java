package dev.crmsuite.loyalty.goodwill;

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
        String first = "c-" + TopicRecords.newId();
        String firstEvent = TopicRecords.newId();
        TopicRecords.send("crm.complaints", customer, resolved(firstEvent, customer, first, 200));
        TopicRecords.send("crm.complaints", customer, resolved(firstEvent, customer, first, 200)); // redelivered
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, first, 200)); // resolved again
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, "c-" + TopicRecords.newId(), 600));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, "c-" + TopicRecords.newId(), 500));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, "c-" + TopicRecords.newId(), 400));
        TopicRecords.send("crm.complaints", customer, resolved(TopicRecords.newId(), customer, "c-" + TopicRecords.newId(), 0));

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
