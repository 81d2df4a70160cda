package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A customer's campaign messages: what was or will be sent, newest first, paged, partners as for other sub-resources. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CommunicationsTest {

    static final OffsetDateTime T = OffsetDateTime.now(ZoneOffset.UTC).minusDays(5).truncatedTo(ChronoUnit.SECONDS);

    static String customer(boolean sharing) {
        return Api.register("{\"name\":\"" + Api.unique("Reader") + "\",\"email\":\"" + Api.email()
                + "\",\"consents\":{\"marketing\":true,\"partnerSharing\":" + sharing + "}}");
    }

    /** A run of a new campaign of {@code kind} with one delivery of {@code status} to the customer. */
    static UUID message(String customer, String kind, String status, OffsetDateTime at) {
        UUID campaign = CampaignFixtures.campaign(kind, "SENT", null, kind.equals("EVENT_INVITATION") ? T.plusDays(20) : null, 14);
        UUID run = CampaignFixtures.run(campaign, 1, at, true);
        return CampaignFixtures.delivery(campaign, run, UUID.fromString(customer), status, null, at, null);
    }

    @Test
    void sent_and_pending_messages_newest_first_without_holdout_or_exclusions() {
        String c = customer(false);
        UUID newsletter = message(c, "NEWSLETTER", "REQUESTED", T);
        UUID invitation = message(c, "EVENT_INVITATION", "REQUESTED", T.plusDays(1));
        UUID deferred = message(c, "OFFER", "DEFERRED", T.plusDays(2));
        message(c, "LETTER", "HOLDOUT", T.plusDays(3));
        message(c, "LETTER", "EXCLUDED", T.plusDays(3));
        Rows.update("update campaign_delivery set status = 'DELIVERED', delivered_at = ?, rsvp = 'ACCEPTED' where id = ?",
                T.plusDays(1).plusMinutes(1), invitation);

        given().get("/api/v1/customers/" + c + "/communications").then().statusCode(200)
                .body("items.deliveryId", contains(deferred.toString(), invitation.toString(), newsletter.toString()))
                .body("items.status", contains("DEFERRED", "DELIVERED", "REQUESTED"))
                .body("items[0].dueAt", equalTo(T.plusDays(2).toInstant().toString())).body("items[0].requestedAt", nullValue())
                .body("items[1].kind", equalTo("EVENT_INVITATION")).body("items[1].rsvp", equalTo("ACCEPTED"))
                .body("items[1].event.title", equalTo("Spring collection preview"))
                .body("items[1].deliveredAt", equalTo(T.plusDays(1).plusMinutes(1).toInstant().toString()))
                .body("items[2].event", nullValue()).body("nextCursor", nullValue());

        String cursor = given().queryParam("limit", 2).get("/api/v1/customers/" + c + "/communications").then().statusCode(200)
                .body("items.size()", equalTo(2)).extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/customers/" + c + "/communications").then()
                .statusCode(200).body("items.deliveryId", contains(newsletter.toString())).body("nextCursor", nullValue());
    }

    @Test
    void bad_paging_is_400_and_unknown_customers_404() {
        String c = customer(false);
        for (String limit : new String[] {"0", "201", "x"}) {
            given().queryParam("limit", limit).get("/api/v1/customers/" + c + "/communications").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().queryParam("cursor", "garbage").get("/api/v1/customers/" + c + "/communications").then().statusCode(400);
        given().get("/api/v1/customers/" + UUID.randomUUID() + "/communications").then().statusCode(404);
    }

    @Test
    void a_partner_sees_the_messages_of_sharing_customers_only() {
        String hidden = customer(false);
        String shared = customer(true);
        message(hidden, "NEWSLETTER", "REQUESTED", T);
        message(shared, "NEWSLETTER", "REQUESTED", T);
        String partner = "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-reader", "customers:read");
        String unknown = given().header("Authorization", partner).get("/api/v1/customers/" + UUID.randomUUID() + "/communications")
                .then().statusCode(404).extract().path("title");
        given().header("Authorization", partner).get("/api/v1/customers/" + hidden + "/communications").then().statusCode(404)
                .body("title", equalTo(unknown));
        given().header("Authorization", partner).get("/api/v1/customers/" + shared + "/communications").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }
}
