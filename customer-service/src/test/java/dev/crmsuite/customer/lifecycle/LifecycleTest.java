package dev.crmsuite.customer.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.campaign.DocumentedEvents;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static dev.crmsuite.customer.support.Api.purchase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Lifecycle rules, staff overrides, lost customers, touchpoints and the timeline. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class LifecycleTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static void touch(String id, String summary) {
        given().contentType(ContentType.JSON).header("Authorization", Api.staffActing("li.na"))
                .body("{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"PRE_SALE\",\"summary\":\"" + summary + "\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(201).body("staff", equalTo("li.na"));
    }

    static String stage(String id) {
        return given().get("/api/v1/customers/" + id).then().extract().path("lifecycle.stage");
    }

    @Test
    void behaviour_moves_a_customer_through_the_stages() {
        String id = Api.register();
        assertThat(stage(id)).isEqualTo("PROSPECT");
        touch(id, "first call");
        assertThat(stage(id)).isEqualTo("PROSPECT");
        touch(id, "second call");
        assertThat(stage(id)).isEqualTo("HESITANT");
        purchase(id, "L-1", "100.00", false, null);
        assertThat(stage(id)).isEqualTo("TRUSTING");
        purchase(id, "L-2", "100.00", false, null);
        assertThat(stage(id)).isEqualTo("REPEAT_BUYER");

        List<JsonNode> changes = Api.events(id, "crm.customer.stage-changed.v1", 3);
        assertThat(changes).extracting(c -> c.get("stage").asText()).containsExactly("HESITANT", "TRUSTING", "REPEAT_BUYER");
        assertThat(changes.getLast().get("previousStage").asText()).isEqualTo("TRUSTING");
        assertThat(changes.getLast().get("reason").asText()).startsWith("rule:");
    }

    @Test
    void a_long_relationship_makes_a_stable_partner_and_silence_makes_a_customer_lost() {
        String id = Api.register();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 5; i++) {
            purchase(id, "S-" + i, "100.00", false, now.minusMonths(13 - 3L * i).toString());
        }
        assertThat(stage(id)).isEqualTo("STABLE_PARTNER");

        String silent = Api.register();
        purchase(silent, "OLD-1", "100.00", false, now.minusDays(400).toString());
        given().get("/api/v1/customers/" + silent).then()
                .body("lifecycle.stage", equalTo("LOST"))
                .body("lifecycle.lostReasonCode", equalTo("OTHER"))
                .body("lifecycle.lostReasonText", equalTo("no purchase for 365 days"));
        purchase(silent, "NEW-1", "100.00", false, null);
        given().get("/api/v1/customers/" + silent).then()
                .body("lifecycle.stage", equalTo("REPEAT_BUYER")).body("lifecycle.lostReasonCode", nullValue());
        JsonNode wonBack = Api.events(silent, "crm.customer.stage-changed.v1", 2).getLast();
        assertThat(wonBack.get("previousStage").asText()).isEqualTo("LOST");
        assertThat(wonBack.get("reason").asText()).startsWith("rule: won back:");
    }

    @Test
    void staff_mark_a_customer_lost_only_with_reason_code_and_text() {
        String id = Api.register();
        given().contentType(ContentType.JSON).body("{\"stage\":\"LOST\",\"reason\":\"told us\"}")
                .put("/api/v1/customers/" + id + "/stage").then().statusCode(400)
                .body("errors.field", hasItem("lostReasonCode")).body("errors.field", hasItem("lostReasonText"));
        given().contentType(ContentType.JSON).body("{\"stage\":\"HAPPY\",\"reason\":\"x\"}")
                .put("/api/v1/customers/" + id + "/stage").then().statusCode(400).body("errors.field", hasItem("stage"));
        given().contentType(ContentType.JSON).body("{\"stage\":\"TRUSTING\"}")
                .put("/api/v1/customers/" + id + "/stage").then().statusCode(400).body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body("{\"stage\":\"LOST\",\"reason\":\"told us\",\"lostReasonCode\":\"NOPE\"}")
                .put("/api/v1/customers/" + id + "/stage").then().statusCode(400).body("errors.field", hasItem("lostReasonCode"));

        long competitorBefore = ((Number) given().get("/api/v1/analytics/lost-customers").then().statusCode(200)
                .extract().path("byReason.COMPETITOR")).longValue();
        given().contentType(ContentType.JSON).header("Authorization", Api.staffActing("wang.fang"))
                .body("{\"stage\":\"LOST\",\"reason\":\"called to cancel\",\"lostReasonCode\":\"COMPETITOR\",\"lostReasonText\":\"cheaper offer next door\"}")
                .put("/api/v1/customers/" + id + "/stage").then().statusCode(200)
                .body("lifecycle.stage", equalTo("LOST"))
                .body("lifecycle.overridden", equalTo(true))
                .body("lifecycle.lostReasonCode", equalTo("COMPETITOR"))
                .body("lifecycle.lostAt", notNullValue());
        List<JsonNode> lost = Api.events(id, "crm.customer.marked-lost.v1", 1);
        assertThat(lost).hasSize(1);
        assertThat(lost.getFirst().get("reasonCode").asText()).isEqualTo("COMPETITOR");
        assertThat(lost.getFirst().has("reasonText")).isFalse();
        assertThat(lost.getFirst().get("lostAt").asText()).isNotBlank();
        // Staff's words travel on the personal topic only: the lost reason as its record, the override reason nowhere.
        Api.PersonalRecord lostReason = Api.personal(id, "lost-reason", id, 1).getLast();
        assertThat(lostReason.data().get("reasonText").asText()).isEqualTo("cheaper offer next door");
        assertThat(lostReason.data().get("customerId").asText()).isEqualTo(id);
        assertThat(DocumentedEvents.violations(lostReason.event())).isEmpty();
        JsonNode toLost = Api.events(id, "crm.customer.stage-changed.v1", 1).stream()
                .filter(e -> "LOST".equals(e.get("stage").asText())).findFirst().orElseThrow();
        assertThat(toLost.get("overridden").asBoolean()).isTrue();
        assertThat(toLost.get("reason").isNull()).isTrue();
        assertThat(Api.events(id, "crm.customer.stage-changed.v1", 1).toString()).doesNotContain("called to cancel");

        given().get("/api/v1/analytics/lost-customers").then().statusCode(200)
                .body("byReason.COMPETITOR", equalTo((int) competitorBefore + 1))
                .body("latest.reasonText", hasItem("cheaper offer next door"));
        given().queryParam("from", "2001-01-01").queryParam("to", "2002-01-01").get("/api/v1/analytics/lost-customers").then()
                .body("total", equalTo(0));
        given().queryParam("from", "yesterday").get("/api/v1/analytics/lost-customers").then().statusCode(400)
                .body("errors.field", hasItem("from"));

        // History imported later (a purchase dated before the loss) wins nobody back.
        purchase(id, "BEFORE-LOST", "100.00", false, OffsetDateTime.now(ZoneOffset.UTC).minusDays(10).toString());
        assertThat(stage(id)).isEqualTo("LOST");
        // Buying again does: the customer leaves LOST by the rules, and the stage-changed event says why.
        purchase(id, "AFTER-LOST", "100.00", false, null);
        given().get("/api/v1/customers/" + id).then()
                .body("lifecycle.stage", equalTo("REPEAT_BUYER")).body("lifecycle.overridden", equalTo(false))
                .body("lifecycle.lostReasonCode", nullValue());
        List<JsonNode> changes = Api.events(id, "crm.customer.stage-changed.v1", 2);
        JsonNode wonBack = changes.getLast();
        assertThat(wonBack.get("previousStage").asText()).isEqualTo("LOST");
        assertThat(wonBack.get("stage").asText()).isEqualTo("REPEAT_BUYER");
        assertThat(wonBack.get("overridden").asBoolean()).isFalse();
        assertThat(wonBack.get("reason").asText()).startsWith("rule: won back:");
        // No longer lost: the loss reason's record is tombstoned.
        List<Api.PersonalRecord> reasons = Api.personal(id, "lost-reason", id, 2);
        assertThat(reasons).hasSize(2);
        assertThat(reasons.getLast().tombstone()).isTrue();
        given().delete("/api/v1/customers/" + id + "/stage").then().statusCode(200)
                .body("lifecycle.stage", equalTo("REPEAT_BUYER")).body("lifecycle.overridden", equalTo(false));
        given().get("/api/v1/customers/" + id + "/history").then()
                .body("items.find { it.field == 'stage' && it.newValue == 'LOST' }.actor", equalTo("wang.fang"));

        // Any other override holds against the rules until it is released.
        String held = Api.register();
        given().contentType(ContentType.JSON).body("{\"stage\":\"TRUSTING\",\"reason\":\"met at the fair\"}")
                .put("/api/v1/customers/" + held + "/stage").then().statusCode(200);
        purchase(held, "HELD-1", "100.00", false, null);
        purchase(held, "HELD-2", "100.00", false, null);
        assertThat(stage(held)).isEqualTo("TRUSTING");
        given().delete("/api/v1/customers/" + held + "/stage").then().statusCode(200)
                .body("lifecycle.stage", equalTo("REPEAT_BUYER")).body("lifecycle.overridden", equalTo(false));
    }

    @Test
    void the_timeline_tells_the_story_newest_first_including_other_services_events() {
        String id = Api.register();
        touch(id, "asked about TVs");
        purchase(id, "TL-1", "300.00", false, null);
        String complaint = TopicRecords.newId();
        TopicRecords.send("crm.complaints", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service",
                "crm.complaint.filed.v1", id, "{\"complaintId\":\"" + complaint + "\",\"customerId\":\"" + id
                        + "\",\"channel\":\"PHONE\",\"category\":\"DELIVERY\",\"priority\":\"HIGH\",\"subject\":\"late delivery\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + id + "/timeline").then().statusCode(200)
                        .body("items.kind", hasItem("COMPLAINT_FILED"))
                        .body("items.find { it.kind == 'COMPLAINT_FILED' }.refId", equalTo(complaint)));

        TopicRecords.send("crm.surveys", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                "crm.survey.response.submitted.v1", id, "{\"responseId\":\"r-1\",\"surveyId\":\"s-1\",\"surveyVersion\":1,\"customerId\":\""
                        + id + "\",\"nps\":9,\"csat\":null,\"ces\":null}"));
        TopicRecords.send("crm.loyalty", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/loyalty-service",
                "crm.tier.changed.v1", id, "{\"customerId\":\"" + id + "\",\"tier\":\"GOLD\",\"previousTier\":\"SILVER\"}"));
        // An anonymous answer (subject = survey id) has no timeline to go to and is skipped.
        TopicRecords.send("crm.surveys", "s-1", TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                "crm.survey.response.submitted.v1", "s-1", "{\"responseId\":\"r-2\",\"surveyId\":\"s-1\",\"customerId\":null,\"nps\":3}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("limit", 200).get("/api/v1/customers/" + id + "/timeline").then()
                        .body("items.kind", hasItem("SURVEY_ANSWERED"))
                        .body("items.summary", hasItem("Survey answered (NPS 9)"))
                        .body("items.summary", hasItem("Loyalty tier SILVER -> GOLD")));

        var all = given().queryParam("limit", 200).get("/api/v1/customers/" + id + "/timeline").then().extract();
        List<String> kinds = all.path("items.kind");
        assertThat(kinds).contains("TOUCHPOINT", "PURCHASE", "STAGE_CHANGED", "COMPLAINT_FILED", "SURVEY_ANSWERED", "LOYALTY_TIER_CHANGED");
        List<String> times = all.path("items.occurredAt");
        assertThat(times.stream().map(OffsetDateTime::parse).toList())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));

        // Two items per page, no repeats, same order as the full list.
        var first = given().queryParam("limit", 2).get("/api/v1/customers/" + id + "/timeline").then()
                .body("items.size()", equalTo(2)).body("nextCursor", notNullValue()).extract();
        List<String> ids = new java.util.ArrayList<>(first.<List<String>>path("items.id"));
        ids.addAll(given().queryParam("limit", 200).queryParam("cursor", first.<String>path("nextCursor"))
                .get("/api/v1/customers/" + id + "/timeline").then().extract().<List<String>>path("items.id"));
        assertThat(ids).isEqualTo(all.path("items.id"));

        given().get("/api/v1/customers/" + id + "/touchpoints").then().statusCode(200)
                .body("items.summary", contains("asked about TVs")).body("items.size()", greaterThanOrEqualTo(1));
    }

    @Test
    void bad_touchpoints_are_400_naming_the_field() {
        String id = Api.register();
        given().contentType(ContentType.JSON).body("{\"channel\":\"PIGEON\",\"direction\":\"OUTBOUND\",\"phase\":\"SALE\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(400).body("errors.field", hasItem("channel"));
        given().contentType(ContentType.JSON).body("{\"channel\":\"EMAIL\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(400)
                .body("errors.field", hasItem("direction")).body("errors.field", hasItem("phase"));
        given().contentType(ContentType.JSON).body("{\"channel\":\"EMAIL\",\"direction\":\"INBOUND\",\"phase\":\"SALE\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(400).body("errors.field", hasItem("occurredAt"));
        given().queryParam("limit", 0).get("/api/v1/customers/" + id + "/timeline").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().get("/api/v1/customers/" + java.util.UUID.randomUUID() + "/timeline").then().statusCode(404);
    }
}
