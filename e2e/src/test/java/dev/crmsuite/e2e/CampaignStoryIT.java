package dev.crmsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.crmsuite.platform.testing.JwtKeys;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A newsletter to an audience, end to end through the validating proxy: staff save an audience
 * (a tag), schedule a campaign whose delivery partner is a mailer's API key; customer-service
 * decides each delivery (the customer without marketing consent is excluded and counted), publishes
 * the delivery requests through its outbox; the gateway delivers them as signed Standard Webhooks
 * to the mailer's receiver (a local HTTP server here) although the customers never consented to
 * partner sharing (the mailer works for the company); the mailer reports back through the API
 * (idempotently, and only for its own deliveries); the delivered message is a touchpoint on the
 * customer's timeline and the last communication in the customer-360 overview; the campaign report
 * counts it all.
 */
@ExtendWith(RunningSuite.class)
class CampaignStoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();
    private static HttpServer receiver;

    record Received(Map<String, String> headers, String body) {
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RunningSuite.webhookReceiverPort()), 0);
        receiver.createContext("/mailer", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            RECEIVED.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** The mailer's key and subscription, removed again when the receiver stops. */
    private static String mailerKey;
    private static String subscription;

    @AfterAll
    static void stopReceiver() {
        // Unsubscribe before the receiver goes: a subscription left behind would have the gateway retry
        // deliveries of later tests' events against a closed port, writing attempts while other suites
        // (the access suite compares every table before and after its refused requests) expect quiet.
        if (subscription != null) {
            partner(mailerKey).delete("/api/v1/webhooks/" + subscription).then().statusCode(204);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static RequestSpecification as(String role) {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer("e2e-campaign-" + role, role))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification partner(String apiKey) {
        return given().baseUri(RunningSuite.api()).header("X-API-Key", apiKey).contentType(ContentType.JSON);
    }

    private static String register(String tag, String label, boolean marketing) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return as("staff").body(Map.of("name", "Campaign " + label + " " + unique, "email", "campaign-" + unique + "@example.com",
                        "tags", List.of(tag), "consents", Map.of("marketing", marketing, "partnerSharing", false)))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void a_newsletter_reaches_the_mailer_through_a_signed_webhook_and_its_reports_come_back() throws Exception {
        // The mailer: a partner key with the campaign scopes and a subscription to delivery requests.
        var mailer = as("admin").body(Map.of("partner", "E2E Mailer", "scopes", List.of("campaigns:read", "campaigns:write",
                        "webhooks:manage"), "requestsPerMinute", 600))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        String mailerKeyId = mailer.path("id");
        mailerKey = mailer.path("apiKey");
        var subscribed = partner(mailerKey).body(Map.of("url", RunningSuite.webhookReceiverOrigin() + "/mailer",
                        "eventTypes", List.of("crm.campaign.delivery-requested.v1")))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        subscription = subscribed.path("id");
        String secret = subscribed.path("secret");
        String otherKey = as("admin").body(Map.of("partner", "E2E Other", "scopes", List.of("campaigns:read", "campaigns:write"),
                "requestsPerMinute", 600)).post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");

        // Three customers share a tag; one gave no marketing consent. None shares with partners.
        String tag = "e2e-campaign-" + UUID.randomUUID().toString().substring(0, 8);
        String ann = register(tag, "Ann", true);
        String bo = register(tag, "Bo", true);
        String cai = register(tag, "Cai", false);

        String audience = as("staff").body(Map.of("name", "E2E " + tag, "filter", Map.of("tags", Map.of("allOf", List.of(tag)))))
                .post("/api/v1/audiences").then().statusCode(201).extract().path("id");
        as("staff").get("/api/v1/audiences/" + audience + "/preview").then().statusCode(200).body("count", equalTo(3));

        String campaign = as("staff").body(Map.of("name", "E2E newsletter " + tag, "kind", "NEWSLETTER", "audienceId", audience,
                        "subject", "What is new", "templateKey", "newsletter/e2e", "holdoutShare", 0, "deliveryPartner", mailerKeyId))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        as("staff").body(Map.of()).post("/api/v1/campaigns/" + campaign + "/schedule").then().statusCode(200)
                .body("status", equalTo("SCHEDULED"));

        // The mailer receives exactly the two consenting customers, signed.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> ofCampaign(campaign).size() >= 2);
        List<Received> requests = ofCampaign(campaign);
        assertThat(requests).hasSize(2);
        Map<String, String> deliveryOf = new HashMap<>();
        for (Received r : requests) {
            assertThat(verified(secret, r)).as("Standard Webhooks signature").isTrue();
            JsonNode data = JSON.readTree(r.body()).path("data");
            assertThat(data.path("recipient").path("email").asText()).startsWith("campaign-");
            deliveryOf.put(data.path("customerId").asText(), data.path("deliveryId").asText());
        }
        assertThat(deliveryOf).containsOnlyKeys(ann, bo).doesNotContainKey(cai);

        // Reports come back from the mailer: the first is recorded, the same again changes nothing.
        String annDelivery = deliveryOf.get(ann);
        partner(mailerKey).body(Map.of("report", "DELIVERED")).post("/api/v1/campaign-deliveries/" + annDelivery + "/reports")
                .then().statusCode(201);
        partner(mailerKey).body(Map.of("report", "DELIVERED")).post("/api/v1/campaign-deliveries/" + annDelivery + "/reports")
                .then().statusCode(200);
        partner(mailerKey).body(Map.of("report", "OPENED")).post("/api/v1/campaign-deliveries/" + annDelivery + "/reports")
                .then().statusCode(201);
        partner(mailerKey).body(Map.of("report", "BOUNCED", "bounceReason", "550 mailbox unavailable"))
                .post("/api/v1/campaign-deliveries/" + deliveryOf.get(bo) + "/reports").then().statusCode(201);
        // Another partner cannot tell the delivery exists.
        partner(otherKey).body(Map.of("report", "CLICKED")).post("/api/v1/campaign-deliveries/" + annDelivery + "/reports")
                .then().statusCode(404);

        // On the customer's timeline, and in the customer-360 overview once the events arrived.
        as("staff").get("/api/v1/customers/" + ann + "/timeline").then().statusCode(200)
                .body("items.kind", hasItem("TOUCHPOINT"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("staff").get("/api/v1/customers/" + ann + "/overview").then().statusCode(200)
                        .body("communications.last[0].campaignId", equalTo(campaign))
                        .body("communications.last[0].status", equalTo("DELIVERED")));

        // The report counts the exclusion, the requests and what came back.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("staff").get("/api/v1/campaigns/" + campaign).then().statusCode(200).body("status", equalTo("SENT")));
        as("staff").get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("overall.audienceSize", equalTo(3))
                .body("overall.excluded.NO_MARKETING_CONSENT", equalTo(1))
                .body("overall.requested", equalTo(2))
                .body("overall.delivered", equalTo(1))
                .body("overall.bounced", equalTo(1))
                .body("overall.opened", equalTo(1));
    }

    private static List<Received> ofCampaign(String campaign) {
        return RECEIVED.stream().filter(r -> r.body().contains(campaign)).toList();
    }

    /** Standard Webhooks: HMAC-SHA256 over "id.timestamp.body" with the decoded secret; any v1 signature may match. */
    private static boolean verified(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return Arrays.asList(r.headers().getOrDefault("webhook-signature", "").split(" ")).contains(expected);
    }
}
