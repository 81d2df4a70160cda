package dev.crmsuite.customer.campaign.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Partners' delivery reports: once per report, touchpoint on first delivery, the event, the refusals. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class DeliveryReportTest {

    static final OffsetDateTime SENT = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS);

    record Sent(String customerId, UUID campaignId, UUID deliveryId) {
    }

    static Sent sent(String kind, String status, String partner) {
        String customer = Api.register();
        UUID campaign = CampaignFixtures.campaign(kind, "SENT", partner, kind.equals("EVENT_INVITATION") ? SENT.plusDays(10) : null, 14);
        UUID run = CampaignFixtures.run(campaign, 1, SENT, true);
        UUID delivery = CampaignFixtures.delivery(campaign, run, UUID.fromString(customer), status, "RELATIONAL",
                status.equals("REQUESTED") || status.equals("DEFERRED") ? SENT : null, null);
        return new Sent(customer, campaign, delivery);
    }

    static ValidatableResponse report(UUID delivery, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/campaign-deliveries/" + delivery + "/reports").then();
    }

    static String at(OffsetDateTime t) {
        return t.toString();
    }

    @Test
    void the_same_report_twice_is_recorded_once_and_answered_as_the_first() {
        Sent s = sent("NEWSLETTER", "REQUESTED", null);
        OffsetDateTime first = SENT.plusMinutes(1);
        report(s.deliveryId(), "{\"report\":\"DELIVERED\",\"occurredAt\":\"" + at(first) + "\"}").statusCode(201)
                .body("report", equalTo("DELIVERED")).body("deliveryStatus", equalTo("DELIVERED"))
                .body("occurredAt", equalTo(first.toInstant().toString())).body("campaignId", equalTo(s.campaignId().toString()));
        String again = report(s.deliveryId(), "{\"report\":\"DELIVERED\",\"occurredAt\":\"" + at(first.plusMinutes(5)) + "\"}")
                .statusCode(200).body("occurredAt", equalTo(first.toInstant().toString())).extract().asString();
        assertThat(again).contains("\"deliveryStatus\":\"DELIVERED\"");

        assertThat(Rows.count("select count(*) from campaign_delivery_report where delivery_id = ?", s.deliveryId())).isEqualTo(1);
        assertThat(Rows.value("select delivered_at = ? from campaign_delivery where id = ?", first, s.deliveryId())).isEqualTo("t");
        // one touchpoint on the timeline, NEWSLETTER OUTBOUND, PRE_SALE for a customer who has not bought
        given().get("/api/v1/customers/" + s.customerId() + "/touchpoints").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].channel", equalTo("NEWSLETTER"))
                .body("items[0].direction", equalTo("OUTBOUND")).body("items[0].phase", equalTo("PRE_SALE"));
        given().get("/api/v1/customers/" + s.customerId() + "/timeline").then().statusCode(200)
                .body("items.kind", hasItem("TOUCHPOINT"));
        List<JsonNode> events = Api.events(s.customerId(), "crm.campaign.delivery-reported.v1", 1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("deliveryId").asText()).isEqualTo(s.deliveryId().toString());
        assertThat(events.getFirst().get("report").asText()).isEqualTo("DELIVERED");
        assertThat(events.getFirst().has("bounceReason")).isFalse();
        // The touchpoint's event names no summary; its personal record does.
        JsonNode logged = Api.events(s.customerId(), "crm.touchpoint.logged.v1", 1).getFirst();
        assertThat(logged.has("summary")).isFalse();
        Api.PersonalRecord summary = Api.personal(s.customerId(), "touchpoint", logged.get("touchpointId").asText(), 1).getLast();
        assertThat(summary.data().get("summary").asText()).endsWith("delivered");
        assertThat(summary.data().get("customerId").asText()).isEqualTo(s.customerId());
        assertThat(dev.crmsuite.customer.campaign.DocumentedEvents.violations(summary.event())).isEmpty();
    }

    @Test
    void an_open_implies_delivery_with_one_touchpoint_and_a_late_delivered_report_moves_the_time_back() {
        Sent s = sent("OFFER", "REQUESTED", null);
        // a customer who bought is kept, AFTER_SALE
        Api.purchase(s.customerId(), "ORD-" + UUID.randomUUID(), "10.00", false, null);
        report(s.deliveryId(), "{\"report\":\"OPENED\",\"occurredAt\":\"" + at(SENT.plusMinutes(10)) + "\"}").statusCode(201)
                .body("deliveryStatus", equalTo("DELIVERED"));
        report(s.deliveryId(), "{\"report\":\"CLICKED\",\"occurredAt\":\"" + at(SENT.plusMinutes(11)) + "\"}").statusCode(201);
        report(s.deliveryId(), "{\"report\":\"DELIVERED\",\"occurredAt\":\"" + at(SENT.plusMinutes(2)) + "\"}").statusCode(201);
        assertThat(Rows.value("select delivered_at = ? and opened_at = ? and clicked_at = ? from campaign_delivery where id = ?",
                SENT.plusMinutes(2), SENT.plusMinutes(10), SENT.plusMinutes(11), s.deliveryId())).isEqualTo("t");
        given().queryParam("channel", "EMAIL").get("/api/v1/customers/" + s.customerId() + "/touchpoints").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].phase", equalTo("AFTER_SALE"));
        assertThat(Api.events(s.customerId(), "crm.campaign.delivery-reported.v1", 3)).hasSize(3);
    }

    @Test
    void a_bounce_is_recorded_with_its_reason_and_refused_after_delivery() {
        Sent s = sent("LETTER", "REQUESTED", null);
        report(s.deliveryId(), "{\"report\":\"BOUNCED\",\"bounceReason\":\"address unknown\"}").statusCode(201)
                .body("deliveryStatus", equalTo("BOUNCED")).body("bounceReason", equalTo("address unknown"));
        report(s.deliveryId(), "{\"report\":\"BOUNCED\",\"bounceReason\":\"other words\"}").statusCode(200)
                .body("bounceReason", equalTo("address unknown"));
        report(s.deliveryId(), "{\"report\":\"DELIVERED\"}").statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/customers/" + s.customerId() + "/touchpoints").then().body("items.size()", equalTo(0));
        List<JsonNode> events = Api.events(s.customerId(), "crm.campaign.delivery-reported.v1", 1);
        // The deliverer's free text stays in this service (a bounce diagnostic may quote the address).
        assertThat(events.getFirst().get("report").asText()).isEqualTo("BOUNCED");
        assertThat(events.getFirst().has("bounceReason")).isFalse();
        assertThat(events.getFirst().toString()).doesNotContain("address unknown");

        Sent d = sent("LETTER", "REQUESTED", null);
        report(d.deliveryId(), "{\"report\":\"DELIVERED\"}").statusCode(201);
        report(d.deliveryId(), "{\"report\":\"BOUNCED\"}").statusCode(409).body("type", equalTo("https://crmsuite.dev/problems/delivery-already-delivered"));
    }

    @Test
    void messages_never_sent_take_no_report() {
        for (String status : List.of("HOLDOUT", "EXCLUDED", "DEFERRED")) {
            Sent s = sent("NEWSLETTER", status, null);
            report(s.deliveryId(), "{\"report\":\"DELIVERED\"}").statusCode(409).contentType("application/problem+json");
            assertThat(Rows.value("select status from campaign_delivery where id = ?", s.deliveryId())).isEqualTo(status);
        }
    }

    @Test
    void bad_reports_are_400_or_422_and_change_nothing() {
        Sent s = sent("NEWSLETTER", "REQUESTED", null);
        String[] bad = {"{}", "{\"report\":\"READ\"}", "{\"report\":true}", "{\"report\":\"DELIVERED\",\"occurredAt\":42}",
                "{\"report\":\"DELIVERED\",\"occurredAt\":\"yesterday\"}",
                "{\"report\":\"DELIVERED\",\"occurredAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC).plusHours(1) + "\"}",
                "{\"report\":\"DELIVERED\",\"bounceReason\":\"x\"}",
                "{\"report\":\"BOUNCED\",\"bounceReason\":\"" + "x".repeat(501) + "\"}", "[]", "not json"};
        for (String body : bad) {
            var r = given().contentType(ContentType.JSON).body(body).post("/api/v1/campaign-deliveries/" + s.deliveryId() + "/reports");
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
        }
        report(s.deliveryId(), "{\"report\":\"DELIVERED\",\"occurredAt\":\"" + at(SENT.minusMinutes(1)) + "\"}").statusCode(422)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}").post("/api/v1/campaign-deliveries/not-a-uuid/reports")
                .then().statusCode(404).contentType("application/problem+json");
        report(UUID.randomUUID(), "{\"report\":\"DELIVERED\"}").statusCode(404).contentType("application/problem+json");
        assertThat(Rows.count("select count(*) from campaign_delivery_report where delivery_id = ?", s.deliveryId())).isZero();
        assertThat(Rows.value("select delivered_at from campaign_delivery where id = ?", s.deliveryId())).isNull();
    }

    @Test
    void a_partner_reports_only_on_the_campaigns_it_delivers_and_others_look_unknown() {
        Sent mine = sent("NEWSLETTER", "REQUESTED", "p-mailer");
        Sent staffs = sent("NEWSLETTER", "REQUESTED", null);
        String mailer = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-mailer", Scopes.CAMPAIGNS_WRITE);
        String other = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-other", Scopes.CAMPAIGNS_WRITE);
        String unknown = given().header("Authorization", mailer).contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}")
                .post("/api/v1/campaign-deliveries/" + UUID.randomUUID() + "/reports").then().statusCode(404).extract().path("title");
        given().header("Authorization", other).contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}")
                .post("/api/v1/campaign-deliveries/" + mine.deliveryId() + "/reports").then().statusCode(404).body("title", equalTo(unknown));
        given().header("Authorization", mailer).contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}")
                .post("/api/v1/campaign-deliveries/" + staffs.deliveryId() + "/reports").then().statusCode(404);
        given().header("Authorization", mailer).contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}")
                .post("/api/v1/campaign-deliveries/" + mine.deliveryId() + "/reports").then().statusCode(201);
        assertThat(Rows.value("select reported_by from campaign_delivery_report where delivery_id = ?", mine.deliveryId()))
                .isNotBlank();
        assertThat(Rows.count("select count(*) from campaign_delivery_report where delivery_id = ?", staffs.deliveryId())).isZero();
        // the touchpoint of the partner's report names the caller, not a body field
        given().get("/api/v1/customers/" + mine.customerId() + "/touchpoints").then().body("items[0].staff", org.hamcrest.Matchers.notNullValue())
                .body("items[0].summary", org.hamcrest.Matchers.containsString("delivered"));
        given().get("/api/v1/customers/" + staffs.customerId() + "/touchpoints").then().body("items[0]", nullValue());
    }
}
