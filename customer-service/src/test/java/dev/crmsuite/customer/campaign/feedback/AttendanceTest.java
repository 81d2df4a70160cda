package dev.crmsuite.customer.campaign.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Attendance after the event: invited guests only, once each, a touchpoint and an event per new attendance. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AttendanceTest {

    static final OffsetDateTime STARTED = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS);

    static ValidatableResponse attend(UUID campaign, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/campaigns/" + campaign + "/attendance").then();
    }

    static String ids(String... ids) {
        return "{\"customerIds\":[" + java.util.Arrays.stream(ids).map(i -> "\"" + i + "\"").collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void invited_guests_are_recorded_once_with_a_touchpoint_and_an_event() {
        UUID campaign = CampaignFixtures.invitation(null, STARTED);
        UUID run = CampaignFixtures.run(campaign, 1, STARTED.minusDays(10), true);
        String a = Api.register();
        String b = Api.register();
        UUID da = CampaignFixtures.delivery(campaign, run, UUID.fromString(a), "DELIVERED", "RELATIONAL", STARTED.minusDays(10), null);
        CampaignFixtures.delivery(campaign, run, UUID.fromString(b), "REQUESTED", "RELATIONAL", STARTED.minusDays(10), null);

        attend(campaign, ids(a)).statusCode(200).body("recorded", equalTo(1)).body("alreadyRecorded", equalTo(0))
                .body("attendances[0].deliveryId", equalTo(da.toString())).body("attendances[0].recordedNow", equalTo(true))
                .body("attendances[0].attendedAt", equalTo(STARTED.toInstant().toString()));
        attend(campaign, ids(b, a)).statusCode(200).body("recorded", equalTo(1)).body("alreadyRecorded", equalTo(1))
                .body("attendances.customerId", contains(b, a)).body("attendances.recordedNow", contains(true, false));

        given().queryParam("channel", "EVENT").get("/api/v1/customers/" + a + "/touchpoints").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].direction", equalTo("INBOUND"))
                .body("items[0].summary", containsString("Spring collection preview"));
        List<JsonNode> events = Api.events(a, "crm.campaign.attendance-recorded.v1", 1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("eventTitle").asText()).isEqualTo("Spring collection preview");
        assertThat(events.getFirst().get("deliveryId").asText()).isEqualTo(da.toString());
        assertThat(Api.events(b, "crm.campaign.attendance-recorded.v1", 1)).hasSize(1);
    }

    @Test
    void customers_without_a_sent_invitation_are_422_by_name_and_nothing_is_recorded() {
        UUID campaign = CampaignFixtures.invitation(null, STARTED);
        UUID run = CampaignFixtures.run(campaign, 1, STARTED.minusDays(10), true);
        String invited = Api.register();
        String heldOut = Api.register();
        String stranger = Api.register();
        CampaignFixtures.delivery(campaign, run, UUID.fromString(invited), "REQUESTED", null, STARTED.minusDays(10), null);
        CampaignFixtures.delivery(campaign, run, UUID.fromString(heldOut), "HOLDOUT", null, null, null);
        attend(campaign, ids(invited, heldOut, stranger)).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString(heldOut)).body("detail", containsString(stranger))
                .body("customerIds", contains(heldOut, stranger));
        assertThat(Rows.count("select count(*) from campaign_delivery where campaign_id = ? and attended_at is not null", campaign))
                .isZero();
    }

    @Test
    void only_invitations_whose_event_started_take_attendance() {
        String c = Api.register();
        UUID future = CampaignFixtures.invitation(null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
        attend(future, ids(c)).statusCode(409).body("type", containsString("event-not-started"));
        UUID newsletter = CampaignFixtures.campaign("NEWSLETTER", "SENT", null, null, 14);
        attend(newsletter, ids(c)).statusCode(409).body("type", containsString("not-an-invitation"));
        UUID cancelled = CampaignFixtures.campaign("EVENT_INVITATION", "CANCELLED", null, STARTED, 14);
        attend(cancelled, ids(c)).statusCode(409);
        attend(UUID.randomUUID(), ids(c)).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void bad_lists_are_400() {
        UUID campaign = CampaignFixtures.invitation(null, STARTED);
        String c = UUID.randomUUID().toString();
        String tooMany = ids(IntStream.range(0, 501).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new));
        for (String body : List.of("{}", "{\"customerIds\":[]}", "{\"customerIds\":null}", "{\"customerIds\":[null]}",
                "{\"customerIds\":[\"nope\"]}", "{\"customerIds\":\"" + c + "\"}", "{\"customerIds\":[42]}", ids(c, c), tooMany, "[]")) {
            var r = given().contentType(ContentType.JSON).body(body).post("/api/v1/campaigns/" + campaign + "/attendance");
            assertThat(r.statusCode()).as(body.length() > 100 ? "501 ids" : body).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(ids(c)).post("/api/v1/campaigns/not-a-uuid/attendance").then().statusCode(404);
    }
}
