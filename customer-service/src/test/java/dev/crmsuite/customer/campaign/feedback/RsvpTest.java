package dev.crmsuite.customer.campaign.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.campaign.RsvpTokens;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
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
import static org.hamcrest.Matchers.nullValue;

/** The public RSVP link: read the invitation, answer once, closed when cancelled or started, odd tokens unknown. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RsvpTest {

    static final String ANONYMOUS = "Bearer " + InternalTokens.anonymous(Api.AUDIENCE);

    record Invited(String customerId, UUID campaignId, UUID deliveryId, String token) {
    }

    static Invited invited(OffsetDateTime startsAt, String status, boolean sharing) {
        String customer = Api.register("{\"name\":\"" + Api.unique("Guest") + "\",\"email\":\"" + Api.email()
                + "\",\"consents\":{\"marketing\":true,\"partnerSharing\":" + sharing + "}}");
        UUID campaign = CampaignFixtures.invitation(null, startsAt);
        UUID run = CampaignFixtures.run(campaign, 1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), true);
        String token = RsvpTokens.create();
        UUID delivery = CampaignFixtures.delivery(campaign, run, UUID.fromString(customer), status, "RELATIONAL",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), token);
        return new Invited(customer, campaign, delivery, token);
    }

    static Invited invited() {
        return invited(OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).truncatedTo(ChronoUnit.SECONDS), "REQUESTED", false);
    }

    static ValidatableResponse open(String token) {
        return given().header("Authorization", ANONYMOUS).get("/api/v1/campaign-invitations/" + token).then();
    }

    static ValidatableResponse answer(String token, String body) {
        return given().header("Authorization", ANONYMOUS).contentType(ContentType.JSON).body(body)
                .post("/api/v1/campaign-invitations/" + token + "/rsvp").then();
    }

    @Test
    void a_guest_reads_the_invitation_without_personal_data_and_answers_once() {
        Invited i = invited();
        String shown = open(i.token()).statusCode(200).body("event.title", equalTo("Spring collection preview"))
                .body("event.location", equalTo("Flagship store, Shanghai")).body("rsvp", nullValue()).extract().asString();
        assertThat(shown).doesNotContain(i.customerId()).doesNotContain(i.deliveryId().toString()).doesNotContain("@example.com");

        answer(i.token(), "{\"response\":\"ACCEPTED\"}").statusCode(201).body("rsvp", equalTo("ACCEPTED"));
        String rsvpAt = Rows.value("select rsvp_at from campaign_delivery where id = ?", i.deliveryId());
        answer(i.token(), "{\"response\":\"ACCEPTED\"}").statusCode(200).body("rsvp", equalTo("ACCEPTED"));
        answer(i.token(), "{\"response\":\"DECLINED\"}").statusCode(409).contentType("application/problem+json");
        open(i.token()).statusCode(200).body("rsvp", equalTo("ACCEPTED"));
        assertThat(Rows.value("select rsvp || ' ' || rsvp_at from campaign_delivery where id = ?", i.deliveryId()))
                .isEqualTo("ACCEPTED " + rsvpAt);

        List<JsonNode> events = Api.events(i.customerId(), "crm.campaign.rsvp-recorded.v1", 1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("rsvp").asText()).isEqualTo("ACCEPTED");
        assertThat(events.getFirst().get("deliveryId").asText()).isEqualTo(i.deliveryId().toString());
        assertThat(events.getFirst().get("campaignId").asText()).isEqualTo(i.campaignId().toString());
    }

    @Test
    void a_cancelled_campaign_or_a_started_event_is_gone() {
        Invited cancelled = invited();
        Rows.update("update campaign set status = 'CANCELLED' where id = ?", cancelled.campaignId());
        open(cancelled.token()).statusCode(410).contentType("application/problem+json");
        answer(cancelled.token(), "{\"response\":\"ACCEPTED\"}").statusCode(410);

        Invited started = invited(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), "REQUESTED", false);
        answer(started.token(), "{\"response\":\"DECLINED\"}").statusCode(410).contentType("application/problem+json");
        assertThat(Rows.value("select rsvp from campaign_delivery where id = ?", started.deliveryId())).isNull();
    }

    @Test
    void odd_unknown_and_unsent_tokens_are_404() {
        Invited deferred = invited(OffsetDateTime.now(ZoneOffset.UTC).plusDays(7), "DEFERRED", false);
        for (String token : List.of(RsvpTokens.create(), "short", "x".repeat(201), "a%20" + "b".repeat(30), "%00" + "c".repeat(30),
                deferred.token(), deferred.token().toLowerCase() + "Z")) {
            int got = given().header("Authorization", ANONYMOUS).urlEncodingEnabled(false)
                    .get("/api/v1/campaign-invitations/" + token).statusCode();
            assertThat(got).as(token).isIn(400, 404);
            answer(RsvpTokens.create(), "{\"response\":\"ACCEPTED\"}").statusCode(404).contentType("application/problem+json");
        }
        answer(deferred.token(), "{\"response\":\"ACCEPTED\"}").statusCode(404);
        open(RsvpTokens.create()).statusCode(404).body("title", equalTo("Not found"));
    }

    @Test
    void bad_answers_are_400() {
        Invited i = invited();
        for (String body : List.of("{}", "{\"response\":\"MAYBE\"}", "{\"response\":true}", "{\"response\":null}", "[]", "nope",
                "{\"response\":\"ACCEPTED\",\"extra\":1}")) {
            var r = given().header("Authorization", ANONYMOUS).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/campaign-invitations/" + i.token() + "/rsvp");
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
        }
        assertThat(Rows.value("select rsvp from campaign_delivery where id = ?", i.deliveryId())).isNull();
    }

    @Test
    void a_partner_holding_the_token_of_a_hidden_customer_gets_the_unknown_token_answer() {
        Invited hidden = invited();
        Invited shared = invited(OffsetDateTime.now(ZoneOffset.UTC).plusDays(7), "REQUESTED", true);
        String partner = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-any", "customers:read");
        given().header("Authorization", partner).get("/api/v1/campaign-invitations/" + hidden.token()).then().statusCode(404);
        given().header("Authorization", partner).get("/api/v1/campaign-invitations/" + shared.token()).then().statusCode(200);
    }
}
