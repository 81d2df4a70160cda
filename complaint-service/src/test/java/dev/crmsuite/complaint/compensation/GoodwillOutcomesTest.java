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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Compensation shows what loyalty-service did with it, from loyalty's events, never the request alone. */
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
                         "kind":"%s","reason":"compensation","sourceRef":%s}""".formatted(customer, UUID.randomUUID(), points, points,
                        kind, Api.json(sourceRef))));
    }

    @Test
    void requested_points_are_shown_as_requested_until_loyalty_grants_them() {
        String customer = Api.newCustomer();
        String id = resolvedWith(customer, 250);
        Api.get(id).body("resolution.compensationPoints", equalTo(250))
                .body("resolution.compensationStatus", equalTo("REQUESTED"))
                .body("resolution.compensationGrantedPoints", nullValue());
        // A bonus, or goodwill for another complaint, is no answer to this one.
        adjusted(customer, "BONUS", "complaint:" + id, 250);
        adjusted(customer, "GOODWILL", "complaint:" + UUID.randomUUID(), 100);
        adjusted(customer, "GOODWILL", "complaint:" + id, 250);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id)
                .body("resolution.compensationStatus", equalTo("GRANTED")));
        Api.get(id).body("resolution.compensationGrantedPoints", equalTo(250))
                .body("resolution.compensationReason", nullValue());
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("find { it.field == 'compensationStatus' && it.newValue == 'GRANTED' }.actor", equalTo("system"))
                .body("find { it.field == 'compensationStatus' && it.newValue == 'REQUESTED' }.actor", equalTo("ann"));
    }

    @Test
    void no_points_asked_means_no_compensation_status() {
        String id = resolvedWith(Api.newCustomer(), null);
        Api.get(id).body("resolution.compensationPoints", equalTo(0)).body("resolution.compensationStatus", nullValue());
    }
}
