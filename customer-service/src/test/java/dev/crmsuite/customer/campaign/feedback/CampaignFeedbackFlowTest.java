package dev.crmsuite.customer.campaign.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.campaign.CampaignSending;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * An invitation sent by the real sending (not fixture rows): the deliverer named on the campaign reports
 * the delivery, the guest answers with the token of the delivery-requested event, staff record the
 * attendance after the start, and the customer's communications and the report show it all.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CampaignFeedbackFlowTest {

    /** Noon in Shanghai (outside quiet hours), far from the other tests' times. */
    static final Instant NOON_SHANGHAI = Instant.parse("2032-03-02T04:00:00Z");

    @Inject
    CampaignSending sending;

    @AfterEach
    void realTime() {
        ControllableClock.useRealTime();
    }

    @Test
    void an_invitation_from_sending_to_report() {
        ControllableClock.set(NOON_SHANGHAI);
        String tag = Api.unique("flow").toLowerCase();
        String[] guests = new String[2];
        for (int i = 0; i < 2; i++) {
            guests[i] = Api.register("{\"name\":\"" + Api.unique("Guest") + "\",\"email\":\"" + Api.email()
                    + "\",\"consents\":{\"marketing\":true},\"tags\":[\"" + tag + "\"]}");
        }
        UUID audience = UUID.randomUUID();
        Rows.update("""
                insert into audience (id, version, name, filter, created_by, created_at, updated_at)
                values (?, 0, ?, cast(? as jsonb), 'test', now(), now())""", audience, "Flow " + tag,
                "{\"tags\":{\"allOf\":[\"" + tag + "\"]}}");
        String startsAt = NOON_SHANGHAI.plus(Duration.ofDays(7)).toString();
        String campaign = given().contentType(ContentType.JSON).body("{\"name\":\"" + Api.unique("Preview") + "\",\"kind\":\"EVENT_INVITATION\","
                        + "\"audienceId\":\"" + audience + "\",\"subject\":\"You are invited\",\"templateKey\":\"invite/preview\","
                        + "\"holdoutShare\":0,\"deliveryPartner\":\"p-mailer\",\"event\":{\"title\":\"Spring preview\",\"startsAt\":\""
                        + startsAt + "\",\"endsAt\":\"" + NOON_SHANGHAI.plus(Duration.ofDays(7)).plus(Duration.ofHours(3))
                        + "\",\"location\":\"Flagship store\"}}")
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/campaigns/" + campaign + "/schedule").then().statusCode(200);
        sending.sweep();

        JsonNode requested = Api.events(guests[0], "crm.campaign.delivery-requested.v1", 1).getFirst();
        String delivery = requested.get("deliveryId").asText();
        String token = requested.get("rsvpToken").asText();

        String mailer = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-mailer", Scopes.CAMPAIGNS_WRITE);
        given().header("Authorization", mailer).contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}")
                .post("/api/v1/campaign-deliveries/" + delivery + "/reports").then().statusCode(201);
        given().queryParam("channel", "EVENT").get("/api/v1/customers/" + guests[0] + "/touchpoints").then()
                .body("items.size()", equalTo(1)).body("items[0].direction", equalTo("OUTBOUND"));

        String anonymous = "Bearer " + InternalTokens.anonymous(Api.AUDIENCE);
        given().header("Authorization", anonymous).get("/api/v1/campaign-invitations/" + token).then().statusCode(200)
                .body("event.title", equalTo("Spring preview")).body("event.location", equalTo("Flagship store"));
        given().header("Authorization", anonymous).contentType(ContentType.JSON).body("{\"response\":\"ACCEPTED\"}")
                .post("/api/v1/campaign-invitations/" + token + "/rsvp").then().statusCode(201);

        given().get("/api/v1/customers/" + guests[0] + "/communications").then().statusCode(200)
                .body("items[0].deliveryId", equalTo(delivery)).body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].rsvp", equalTo("ACCEPTED")).body("items[0].event.title", equalTo("Spring preview"));

        ControllableClock.set(NOON_SHANGHAI.plus(Duration.ofDays(7)).plusSeconds(60));
        given().header("Authorization", anonymous).contentType(ContentType.JSON).body("{\"response\":\"ACCEPTED\"}")
                .post("/api/v1/campaign-invitations/" + token + "/rsvp").then().statusCode(410);
        given().contentType(ContentType.JSON).body("{\"customerIds\":[\"" + guests[0] + "\"]}")
                .post("/api/v1/campaigns/" + campaign + "/attendance").then().statusCode(200).body("recorded", equalTo(1));
        Api.events(guests[0], "crm.campaign.attendance-recorded.v1", 1);

        given().get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("run.number", equalTo(1)).body("overall.audienceSize", equalTo(2)).body("overall.requested", equalTo(2))
                .body("overall.delivered", equalTo(1)).body("overall.invitations.accepted", equalTo(1))
                .body("overall.invitations.attended", equalTo(1)).body("overall.lift.holdout.customers", equalTo(0));
    }
}
