package dev.crmsuite.e2e;

import dev.crmsuite.platform.testing.JwtKeys;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Insights across services, through the validating proxy: a complaint filed at complaint-service
 * reaches customer-service as an event and counts in the customer's risk; the next purchase
 * reassesses it, the level rises to MEDIUM and crm.customer.risk-changed.v1 is published (which
 * PublishedEventsIT then validates against the AsyncAPI document).
 */
@ExtendWith(RunningSuite.class)
class InsightStoryIT {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification staff() {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer("e2e-insight-staff", "staff"))
                .contentType(ContentType.JSON);
    }

    @Test
    void an_unresolved_complaint_raises_the_risk_at_the_next_purchase() {
        String customer = staff().body(Map.of("name", "Risk Story " + UUID.randomUUID().toString().substring(0, 8),
                        "email", "risk-" + UUID.randomUUID() + "@example.com"))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        staff().body(Map.of("externalOrderId", "RISK-" + UUID.randomUUID(), "amount", 99.00, "currency", "CNY", "discounted", false))
                .post("/api/v1/customers/" + customer + "/purchases").then().statusCode(201);
        staff().body(Map.of("customerId", customer, "channel", "EMAIL", "category", "PRODUCT", "subject", "Lid does not close",
                        "description", "Filed by the insight story", "priority", "MEDIUM"))
                .post("/api/v1/complaints").then().statusCode(201);

        // The complaint event has reached customer-service: the risk view counts it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                staff().get("/api/v1/customers/" + customer + "/risk").then().statusCode(200)
                        .body("unresolvedComplaints", greaterThanOrEqualTo(1)));

        staff().body(Map.of("externalOrderId", "RISK-" + UUID.randomUUID(), "amount", 49.00, "currency", "CNY", "discounted", false))
                .post("/api/v1/customers/" + customer + "/purchases").then().statusCode(201);
        staff().get("/api/v1/customers/" + customer + "/risk").then().statusCode(200).body("level", equalTo("MEDIUM"));
    }
}
