package dev.crmsuite.e2e;

import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * One customer's story told through the gateway to the real services, and read back from the
 * gateway's customer-360 view that only the events built. The story goes through the validating
 * proxy ({@link RunningSuite#api()}), so every request and answer is checked against the merged
 * OpenAPI document too; only the refusals and the outage at the end go to the gateway directly.
 */
@ExtendWith(RunningSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerJourneyIT {

    static String customerId;
    static String overviewBeforeRebuild;
    static Instant afterRegistration;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification asStaff() {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer("e2e-admin", "admin"));
    }

    static String register(String email, boolean partnerSharing) {
        return asStaff().contentType(ContentType.JSON)
                .body(Map.of("kind", "PERSON", "name", "Journey " + email, "email", email,
                        "consents", Map.of("marketing", true, "partnerSharing", partnerSharing)))
                .post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    /** Registration through the gateway to the customer in the gateway's overview, in ms. */
    static long registrationToOverview(String email, boolean partnerSharing, String[] idOut) {
        long started = System.nanoTime();
        String id = register(email, partnerSharing);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                asStaff().get("/api/v1/customers/" + id + "/overview")
                        .then().statusCode(200).body("profile.name", notNullValue()));
        idOut[0] = id;
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    @Order(1)
    void a_registered_customer_appears_in_the_gateway_overview_within_a_second() {
        String[] id = new String[1];
        // The very first request after start-up also pays for cold JIT, connection pools and the
        // producer's first metadata round; it is reported, and the promise is checked on the next one.
        long cold = registrationToOverview("cold-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", false, id);
        long warm = registrationToOverview("journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", true, id);
        customerId = id[0];
        afterRegistration = Instant.now();
        System.out.printf("registration -> gateway overview: first %d ms, next %d ms%n", cold, warm);
        assertThat(warm).as("registration to overview, ms").isLessThan(1_000);
    }

    @Test
    @Order(2)
    void a_purchase_earns_points_and_carries_the_request_id_into_its_event() {
        asStaff().contentType(ContentType.JSON).header("X-Request-Id", "e2e-purchase-" + customerId)
                .body(Map.of("externalOrderId", "E2E-1", "amount", 1200.00, "currency", "CNY", "discounted", false))
                .post("/api/v1/customers/" + customerId + "/purchases")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                asStaff().get("/api/v1/loyalty/accounts/" + customerId)
                        .then().statusCode(200).body("balance", greaterThan(0)));
        var events = TopicRecords.await("crm.customers", Duration.ofSeconds(10), r -> customerId.equals(r.key())
                && TopicRecords.parse(r.value()).get("type").asText().equals("crm.purchase.recorded.v1"));
        assertThat(events).hasSize(1);
        assertThat(TopicRecords.parse(events.getFirst().value()).get("requestid").asText())
                .isEqualTo("e2e-purchase-" + customerId);
    }

    @Test
    @Order(3)
    void a_resolved_complaint_and_the_points_show_in_the_overview() {
        // A satisfaction survey sent after every resolved complaint (used by the next test).
        String survey = asStaff().contentType(ContentType.JSON)
                .body("""
                        {"title":"Was your complaint solved?","questions":[
                          {"key":"recommend","type":"NPS","text":"Would you recommend us?","required":true},
                          {"key":"why","type":"FREE_TEXT","text":"What went wrong?"}],
                         "triggers":[{"on":"COMPLAINT_RESOLVED"}]}""")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        asStaff().post("/api/v1/surveys/" + survey + "/publish").then().statusCode(201);
        String complaint = asStaff().contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "channel", "PHONE", "category", "DELIVERY",
                        "subject", "Parcel arrived damaged", "description", "The box was crushed."))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        asStaff().post("/api/v1/complaints/" + complaint + "/acknowledge").then().statusCode(200);
        asStaff().post("/api/v1/complaints/" + complaint + "/start").then().statusCode(200);
        asStaff().contentType(ContentType.JSON)
                .body(Map.of("outcome", "Replacement sent", "rootCause", "Packaging", "firstContactResolution", true,
                        "compensationPoints", 100))
                .post("/api/v1/complaints/" + complaint + "/resolution").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                asStaff().get("/api/v1/customers/" + customerId + "/overview").then().statusCode(200)
                        .body("profile.consents.partnerSharing", equalTo(true))
                        .body("value.lastPurchase.amount", notNullValue())
                        .body("loyalty.balance", greaterThan(0))
                        .body("loyalty.asOf", notNullValue())
                        .body("complaints.lastResolution.complaintId", equalTo(complaint))
                        .body("complaints.lastResolution.firstContactResolution", equalTo(true))
                        .body("complaints.openCount", equalTo(0)));
        // The overview agrees with the loyalty service itself.
        int balance = asStaff().get("/api/v1/loyalty/accounts/" + customerId).then().extract().path("balance");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                asStaff().get("/api/v1/customers/" + customerId + "/overview").then().body("loyalty.balance", equalTo(balance)));
        complaintId = complaint;
    }

    static String complaintId;

    @Test
    @Order(4)
    void an_unhappy_survey_answer_closes_the_loop_in_every_service() {
        // The complaint's resolution invited the customer; the answer is public, by token.
        String token = await().atMost(Duration.ofSeconds(20)).until(() -> {
            java.util.List<String> tokens = asStaff().queryParam("customerId", customerId).get("/api/v1/survey-invitations")
                    .then().statusCode(200).extract().jsonPath().getList("items.token");
            return tokens.isEmpty() ? null : tokens.getFirst();
        }, java.util.Objects::nonNull);
        given().baseUri(RunningSuite.api()).get("/api/v1/survey-invitations/" + token).then().statusCode(200);
        given().baseUri(RunningSuite.api()).contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("recommend", 4, "why", "The replacement is broken too")))
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // survey-service -> overview
            asStaff().get("/api/v1/customers/" + customerId + "/overview").then().statusCode(200)
                    .body("surveys.lastNps.score", equalTo(4));
            // survey-service -> complaint-service: the complaint is reopened
            asStaff().get("/api/v1/complaints/" + complaintId).then().statusCode(200).body("status", equalTo("REOPENED"));
            // survey-service -> customer-service: an urgent follow-up for the account manager
            asStaff().get("/api/v1/customers/" + customerId + "/follow-ups").then().statusCode(200)
                    .body("items.findAll { it.urgent == true }.size()", greaterThan(0));
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                asStaff().get("/api/v1/customers/" + customerId + "/overview").then()
                        .body("complaints.openCount", equalTo(1))
                        .body("followUps.openCount", greaterThan(0)));
        overviewBeforeRebuild = asStaff().get("/api/v1/customers/" + customerId + "/overview").then().extract().asString();
    }

    @Test
    @Order(5)
    void as_of_shows_the_view_as_it_was() {
        asStaff().queryParam("asOf", afterRegistration.toString()).get("/api/v1/customers/" + customerId + "/overview")
                .then().statusCode(200)
                .body("profile.name", notNullValue())
                .body("value.lastPurchase", org.hamcrest.Matchers.nullValue())
                .body("complaints", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @Order(6)
    void replaying_the_topics_rebuilds_the_same_view() {
        asStaff().post("/api/v1/admin/overview/rebuild").then().statusCode(202).body("generation", greaterThan(0));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(asStaff().get("/api/v1/customers/" + customerId + "/overview").then().extract().asString())
                        .isEqualTo(overviewBeforeRebuild));
    }

    @Test
    @Order(7)
    void a_partner_sees_consenting_customers_and_nobody_else() {
        String other = register("private-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", false);
        String key = asStaff().contentType(ContentType.JSON)
                .body(Map.of("partner", "E2E dealer", "scopes", java.util.List.of("customers:read", "loyalty:read"), "requestsPerMinute", 600))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().baseUri(RunningSuite.api()).header("X-API-Key", key).get("/api/v1/customers/" + customerId)
                        .then().statusCode(200).body("id", equalTo(customerId)));
        // Each service enforces partner visibility on its own data, from the consents it learnt from
        // crm.customers: loyalty-service may learn this one a moment after customer-service.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().baseUri(RunningSuite.api()).header("X-API-Key", key).get("/api/v1/loyalty/accounts/" + customerId)
                        .then().statusCode(200));
        given().baseUri(RunningSuite.api()).header("X-API-Key", key).get("/api/v1/customers/" + other)
                .then().statusCode(404).contentType("application/problem+json");
        given().baseUri(RunningSuite.api()).header("X-API-Key", key).get("/api/v1/loyalty/accounts/" + other)
                .then().statusCode(404).contentType("application/problem+json");
        // A valid write without the scope: customer-service refuses it with a documented 403 (the
        // operation's declared permission), which the validating proxy checks like any other answer.
        given().baseUri(RunningSuite.api()).header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("kind", "PERSON", "name", "Partner Write"))
                .post("/api/v1/customers").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    @Order(8)
    void a_service_that_is_down_gives_503_problem_json_quickly_and_recovers() throws Exception {
        RunningSuite.kill("loyalty-service");
        // The gateway's 503 for a service that is down is documented on every proxied operation, so
        // it goes through the validating proxy too.
        given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer("e2e-admin", "admin"))
                .get("/api/v1/loyalty/accounts/" + customerId)
                .then().statusCode(503).contentType("application/problem+json").time(lessThan(5_000L))
                .body("status", equalTo(503));
        RunningSuite.restart("loyalty-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asStaff().get("/api/v1/loyalty/accounts/" + customerId).then().statusCode(200));
    }
}
