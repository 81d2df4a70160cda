package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer-360 overview needs customers:read, shows only the sections the caller's scopes allow
 * (loyalty, complaints and surveys need their own read scope), and answers a partner about a
 * customer who did not consent exactly as about an unknown id.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class OverviewAccessTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** A customer with events in every section: profile, loyalty, a complaint and an NPS answer. */
    static String customerWithHistory(boolean partnerSharing) {
        String id = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.registered.v1", id, "{\"customerId\":\"" + id + "\",\"kind\":\"PERSON\",\"name\":\"Ana\","
                        + "\"email\":\"ana@example.com\",\"consents\":{\"marketing\":false,\"partnerSharing\":" + partnerSharing + "},"
                        + "\"registeredAt\":\"2026-11-20T10:00:00Z\"}"));
        dev.crmsuite.gateway.PersonalRecords.profile(id, "Ana", "ana@example.com");
        TopicRecords.send("crm.loyalty", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/loyalty-service",
                "crm.account.opened.v1", id, "{\"customerId\":\"" + id + "\",\"joinedAt\":\"2026-11-21T10:00:00Z\",\"tier\":\"SILVER\"}"));
        TopicRecords.send("crm.complaints", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service",
                "crm.complaint.filed.v1", id, "{\"complaintId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + id
                        + "\",\"category\":\"DELIVERY\",\"subject\":\"late\",\"filedAt\":\"2026-11-22T10:00:00Z\"}"));
        TopicRecords.send("crm.surveys", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                "crm.survey.response.submitted.v1", id, "{\"customerId\":\"" + id + "\",\"nps\":9,\"submittedAt\":\"2026-11-23T10:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", Credentials.admin())
                .get("/api/v1/customers/" + id + "/overview").then().statusCode(200)
                .body("profile.name", org.hamcrest.Matchers.equalTo("Ana"))
                .body("loyalty.tier", org.hamcrest.Matchers.equalTo("SILVER"))
                .body("complaints.openCount", org.hamcrest.Matchers.equalTo(1))
                .body("surveys.lastNps.score", org.hamcrest.Matchers.equalTo(9)));
        return id;
    }

    static JsonNode overview(String id, String header, String value) {
        String body = given().header(header, value).get("/api/v1/customers/" + id + "/overview")
                .then().statusCode(200).extract().asString();
        return TopicRecords.parse(body);
    }

    @Test
    void each_section_needs_its_services_read_scope() {
        String id = customerWithHistory(true);
        JsonNode all = overview(id, "Authorization", Credentials.viewer());
        assertThat(all.has("loyalty") && all.has("complaints") && all.has("surveys")).isTrue();
        assertThat(java.time.OffsetDateTime.parse(all.path("lastEventAt").asText()))
                .isAfterOrEqualTo(java.time.OffsetDateTime.parse(all.path("surveys").path("asOf").asText()));

        String customersOnly = Credentials.partnerKey("customers:read");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", customersOnly)
                .get("/api/v1/customers/" + id + "/overview").then().statusCode(200));
        JsonNode cut = overview(id, "X-API-Key", customersOnly);
        assertThat(cut.has("profile")).isTrue();
        assertThat(cut.has("loyalty") || cut.has("complaints") || cut.has("surveys")).isFalse();
        // When the last event was a survey answer, the cut overview does not say so.
        assertThat(cut.path("lastEventAt").asText()).isEqualTo(cut.path("profile").path("asOf").asText());

        JsonNode withLoyalty = overview(id, "X-API-Key", Credentials.partnerKey("customers:read", "loyalty:read"));
        assertThat(withLoyalty.path("loyalty").path("tier").asText()).isEqualTo("SILVER");
        assertThat(withLoyalty.has("complaints") || withLoyalty.has("surveys")).isFalse();

        JsonNode withComplaintsAndSurveys = overview(id, "X-API-Key", Credentials.partnerKey("customers:read", "complaints:read", "surveys:read"));
        assertThat(withComplaintsAndSurveys.has("complaints") && withComplaintsAndSurveys.has("surveys")).isTrue();
        assertThat(withComplaintsAndSurveys.has("loyalty")).isFalse();

        // No customers:read, no overview, whatever else the caller holds; no caller, no overview.
        given().header("X-API-Key", Credentials.partnerKey("loyalty:read", "complaints:read", "surveys:read"))
                .get("/api/v1/customers/" + id + "/overview").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/customers/" + id + "/overview").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer, ApiKey header=\"X-API-Key\"");
    }

    @Test
    void a_hidden_customer_answers_exactly_like_an_unknown_id() {
        String hidden = customerWithHistory(false);
        String shared = customerWithHistory(true);
        String key = Credentials.partnerKey("customers:read", "loyalty:read", "complaints:read", "surveys:read");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", key)
                .get("/api/v1/customers/" + shared + "/overview").then().statusCode(200));
        String unknown = UUID.randomUUID().toString();
        for (String query : new String[] {"", "?asOf=2999-01-01T00:00:00Z"}) {
            var hiddenAnswer = given().header("X-API-Key", key).header("X-Request-Id", "same")
                    .get("/api/v1/customers/" + hidden + "/overview" + query).then().statusCode(404).extract();
            var unknownAnswer = given().header("X-API-Key", key).header("X-Request-Id", "same")
                    .get("/api/v1/customers/" + unknown + "/overview" + query).then().statusCode(404).extract();
            assertThat(hiddenAnswer.contentType()).isEqualTo(unknownAnswer.contentType());
            ObjectNode a = (ObjectNode) TopicRecords.parse(hiddenAnswer.asString().replace(hidden, "ID"));
            ObjectNode b = (ObjectNode) TopicRecords.parse(unknownAnswer.asString().replace(unknown, "ID"));
            assertThat(a).isEqualTo(b);
        }
        // Staff see every customer.
        given().header("Authorization", Credentials.staff()).get("/api/v1/customers/" + hidden + "/overview").then().statusCode(200);
    }

    @Test
    void communications_need_campaigns_read_and_risk_customers_read_for_every_kind_of_caller() {
        String id = UUID.randomUUID().toString();
        String delivery = UUID.randomUUID().toString();
        String campaign = UUID.randomUUID().toString();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
        TopicRecords.send("crm.customers", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.registered.v1", id, now.minusSeconds(3).toInstant(), "{\"customerId\":\"" + id + "\",\"kind\":\"PERSON\",\"name\":\"Mei\","
                        + "\"consents\":{\"marketing\":true,\"partnerSharing\":true},\"registeredAt\":\"2026-11-20T10:00:00Z\"}"));
        TopicRecords.send("crm.customers", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.risk-changed.v1", id, now.minusSeconds(2).toInstant(), "{\"customerId\":\"" + id + "\",\"level\":\"MEDIUM\",\"previousLevel\":\"LOW\","
                        + "\"reasons\":[\"no purchase for 62 days, usually every 30\"],\"assessedAt\":\"" + now.minusMinutes(2) + "\"}"));
        // A moment between the risk and the delivery request, for asOf.
        String between = now.minusSeconds(1).toInstant().toString();
        TopicRecords.send("crm.customers", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.campaign.delivery-requested.v1", id, now.toInstant(), "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"" + campaign
                        + "\",\"runId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + id + "\",\"kind\":\"EVENT_INVITATION\","
                        + "\"subject\":\"Spring show\",\"templateKey\":\"invite\",\"variables\":{},\"recipient\":{\"displayName\":\"Mei\","
                        + "\"email\":\"mei@example.com\",\"phone\":null,\"postalAddress\":null},\"event\":{\"title\":\"Spring show\","
                        + "\"startsAt\":\"" + now.plusDays(30) + "\",\"endsAt\":\"" + now.plusDays(30).plusHours(4) + "\",\"location\":\"Pudong\"},"
                        + "\"rsvpToken\":\"secret-token\",\"deliveryPartner\":null,\"requestedAt\":\"" + now.minusMinutes(1) + "\"}"));
        TopicRecords.send("crm.customers", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.campaign.delivery-reported.v1", id, "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"" + campaign
                        + "\",\"customerId\":\"" + id + "\",\"report\":\"DELIVERED\",\"occurredAt\":\"" + now + "\",\"bounceReason\":null}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", Credentials.admin())
                .get("/api/v1/customers/" + id + "/overview").then().statusCode(200)
                .body("communications.last[0].status", org.hamcrest.Matchers.equalTo("DELIVERED")));

        List<String[]> withCampaigns = List.of(new String[] {"Authorization", Credentials.viewer()},
                new String[] {"Authorization", Credentials.staff()}, new String[] {"Authorization", Credentials.admin()},
                new String[] {"X-API-Key", Credentials.partnerKey("customers:read", "campaigns:read")});
        JsonNode document = TopicRecords.parse(given().get("/q/openapi").then().statusCode(200).extract().asString());
        for (String[] caller : withCampaigns) {
            JsonNode seen = overview(id, caller[0], caller[1]);
            assertThat(seen.at("/communications/last/0/deliveryId").asText()).as(caller[0]).isEqualTo(delivery);
            assertThat(seen.at("/communications/last/0/kind").asText()).isEqualTo("EVENT_INVITATION");
            assertThat(seen.at("/communications/openInvitations/0/event/title").asText()).isEqualTo("Spring show");
            assertThat(seen.at("/risk/level").asText()).isEqualTo("MEDIUM");
            assertThat(seen.toString()).doesNotContain("secret-token", "mei@example.com");
            OverviewEventsTest.assertDeclared(document, document.at(
                    "/paths/~1api~1v1~1customers~1{id}~1overview/get/responses/200/content/application~1json/schema"), seen, "overview");
        }
        // customers:read without campaigns:read: the risk, no communications, and not their time in lastEventAt.
        JsonNode cut = overview(id, "X-API-Key", Credentials.partnerKey("customers:read", "loyalty:read"));
        assertThat(cut.has("communications")).isFalse();
        assertThat(cut.at("/risk/reasons/0").asText()).isEqualTo("no purchase for 62 days, usually every 30");
        assertThat(cut.path("lastEventAt").asText()).isEqualTo(cut.at("/risk/asOf").asText());
        // campaigns:read alone is no overview; nobody at all is 401.
        given().header("X-API-Key", Credentials.partnerKey("campaigns:read")).get("/api/v1/customers/" + id + "/overview")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/customers/" + id + "/overview").then().statusCode(401).contentType("application/problem+json");
        // As of a time before the delivery request: no communications yet.
        JsonNode before = TopicRecords.parse(given().header("Authorization", Credentials.staff()).queryParam("asOf", between)
                .get("/api/v1/customers/" + id + "/overview").then().statusCode(200).extract().asString());
        assertThat(before.has("communications")).isFalse();
        assertThat(before.has("risk")).isTrue();
    }
}
