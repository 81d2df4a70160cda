package dev.crmsuite.complaint.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.sla.DeadlineCheck;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.act;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The whole lifecycle over HTTP, the events it publishes on Kafka, and the refusals. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ComplaintLifecycleApiTest {

    @Inject
    ControllableClock clock;
    @Inject
    DeadlineCheck check;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void monday_morning() {
        clock.set(Api.berlin("2026-11-23T09:30"));
    }

    @Test
    void full_lifecycle_with_its_events() {
        String customer = Api.newCustomer();
        String id = given().contentType(ContentType.JSON).header(Api.actor("ann")).header("X-Request-Id", "req-complaint-1")
                .body(Api.body(customer, "PHONE", "DELIVERY", null)).post(BASE)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/complaints/"))
                .header("ETag", notNullValue())
                .body("status", equalTo("OPEN"))
                .body("allowedActions", contains("acknowledge"))
                .body("customerKnown", equalTo(false))
                .body("priority", equalTo("MEDIUM"))
                .body("team", equalTo("logistics"))
                .body("assignee", notNullValue())
                .body("respondBy", equalTo("2026-11-24T08:30:00Z")) // 8 business hours: 7.5 Monday + 0.5 Tuesday
                .body("firstResponseTimeLeft", equalTo("PT8H"))
                .extract().path("id");
        given().get(BASE + "/" + id).then().statusCode(200).header("ETag", notNullValue()).body("id", equalTo(id));

        clock.advance(Duration.ofMinutes(30));
        act(id, "acknowledge").statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedAt", equalTo("2026-11-23T09:00:00Z")).body("firstResponseTimeLeft", nullValue());
        act(id, "start").statusCode(200).body("status", equalTo("IN_PROGRESS"))
                .body("allowedActions", contains("wait-on-customer", "resolution"));
        act(id, "wait-on-customer").statusCode(200).body("status", equalTo("WAITING_ON_CUSTOMER")).body("clockPaused", equalTo(true));
        clock.advance(Duration.ofHours(1));
        act(id, "start").statusCode(200).body("status", equalTo("IN_PROGRESS")).body("clockPaused", equalTo(false))
                .body("pausedSeconds", equalTo(3600));
        Api.resolve(id, true, 250).statusCode(200).body("status", equalTo("RESOLVED"))
                .body("resolution.outcome", equalTo("Replacement sent"))
                .body("resolution.firstContactResolution", equalTo(true))
                .body("resolution.compensationPoints", equalTo(250))
                .body("resolutionTimeLeft", nullValue());
        act(id, "close").statusCode(200).body("status", equalTo("CLOSED")).body("allowedActions", contains("reopen"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"Replacement also broken\"}").post(BASE + "/" + id + "/reopen")
                .then().statusCode(200).body("status", equalTo("REOPENED")).body("reopenCount", equalTo(1))
                .body("closedAt", nullValue());
        act(id, "start").statusCode(200).body("status", equalTo("IN_PROGRESS"));
        Api.resolve(id, false, null).statusCode(200).body("status", equalTo("RESOLVED"));

        List<String> expected = List.of("crm.complaint.filed.v1", "crm.complaint.assigned.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.acknowledged.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.status-changed.v1", "crm.complaint.status-changed.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.resolved.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.closed.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.reopened.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.status-changed.v1", "crm.complaint.resolved.v1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Api.published(customer)).hasSize(expected.size()));
        List<JsonNode> events = Api.published(customer);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactlyElementsOf(expected);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("subject").asText()).isEqualTo(customer);
            assertThat(e.get("source").asText()).isEqualTo("/crm/complaint-service");
            assertThat(e.get("data").get("complaintId").asText()).isEqualTo(id);
        });
        JsonNode filed = events.getFirst().get("data");
        assertThat(filed.get("channel").asText()).isEqualTo("PHONE");
        assertThat(filed.get("category").asText()).isEqualTo("DELIVERY");
        assertThat(filed.get("priority").asText()).isEqualTo("MEDIUM");
        assertThat(filed.get("respondBy").asText()).isEqualTo("2026-11-24T08:30:00Z");
        assertThat(filed.get("resolveBy").asText()).isNotBlank();
        assertThat(events.getFirst().get("requestid").asText()).isEqualTo("req-complaint-1");
        JsonNode status = events.get(2).get("data");
        assertThat(status.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(status.get("previousStatus").asText()).isEqualTo("OPEN");
        JsonNode resolved = events.get(8).get("data");
        assertThat(resolved.get("firstContactResolution").asBoolean()).isTrue();
        assertThat(resolved.get("compensationPoints").asInt()).isEqualTo(250);
        assertThat(events.get(15).get("data").get("compensationPoints").asInt()).as("0 when none").isZero();
        // No free text in the event log (kept forever): subject, outcome, root cause and reopen reason stay out.
        assertThat(filed.has("subject")).isFalse();
        assertThat(resolved.has("rootCause")).isFalse();
        assertThat(resolved.has("outcome")).isFalse();
        assertThat(events.get(12).get("data").has("reason")).isFalse();
        assertThat(events).allSatisfy(e -> assertThat(e.toString())
                .doesNotContain("Parcel arrived damaged", "Replacement sent", "Thin packaging", "Replacement also broken"));

        // What the customer-360 shows goes on the compacted personal topic, keyed customer/complaint/id: at filing
        // (subject only) and at each resolution (the whole text again, replacing the record before).
        String key = customer + "/complaint/" + id;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Api.personal(customer)).hasSize(3));
        var personal = Api.personal(customer);
        assertThat(personal).allSatisfy(r -> assertThat(r.key()).isEqualTo(key));
        JsonNode first = dev.crmsuite.platform.testing.TopicRecords.parse(personal.getFirst().value());
        assertThat(first.get("type").asText()).isEqualTo("crm.complaint.personal-data-recorded.v1");
        assertThat(first.get("subject").asText()).isEqualTo(customer);
        assertThat(first.get("data").get("complaintId").asText()).isEqualTo(id);
        assertThat(first.get("data").get("customerId").asText()).isEqualTo(customer);
        assertThat(first.get("data").get("subject").asText()).isEqualTo("Parcel arrived damaged");
        assertThat(first.get("data").get("outcome").isNull()).isTrue();
        assertThat(first.get("data").get("rootCause").isNull()).isTrue();
        JsonNode last = dev.crmsuite.platform.testing.TopicRecords.parse(personal.getLast().value()).get("data");
        assertThat(last.get("subject").asText()).isEqualTo("Parcel arrived damaged");
        assertThat(last.get("outcome").asText()).isEqualTo("Replacement sent");
        assertThat(last.get("rootCause").asText()).isEqualTo("Thin packaging");
        assertThat(last.fieldNames()).toIterable().containsExactlyInAnyOrder("complaintId", "customerId", "subject", "outcome",
                "rootCause");

        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'status' && it.newValue == 'ACKNOWLEDGED' }.actor", equalTo("ann"))
                .body("items.find { it.field == 'status' && it.newValue == 'ACKNOWLEDGED' }.oldValue", equalTo("OPEN"))
                // The reopen went without a named actor: the test kit's admin token is the caller.
                .body("items.find { it.field == 'status' && it.newValue == 'REOPENED' }.actor", equalTo("test-admin"))
                .body("items.find { it.field == 'compensationPoints' }.newValue", equalTo("250"));
    }

    @Test
    void an_illegal_transition_is_409_listing_the_allowed_actions() {
        String id = Api.fileId(Api.newCustomer(), "EMAIL", "PRODUCT");
        Api.resolve(id, true, null).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/illegal-transition"))
                .body("status", equalTo(409))
                .body("allowedActions", contains("acknowledge"))
                .body("detail", containsString("OPEN"));
        act(id, "close").statusCode(409).body("allowedActions", contains("acknowledge"));
        act(id, "acknowledge").statusCode(200);
        act(id, "acknowledge").statusCode(409).body("allowedActions", contains("start"));
        act(id, "start").statusCode(200);
        Api.resolve(id, true, null).statusCode(200);
        act(id, "close").statusCode(200);
        act(id, "start").statusCode(409).body("status", equalTo(409)).body("currentStatus", equalTo("CLOSED"))
                .body("allowedActions", contains("reopen"));
        assertThat(Api.outbox("crm.complaint.status-changed.v1", id)).hasSize(4);
    }

    @Test
    void reopening_a_complaint_that_is_not_resolved_or_closed_is_409_listing_the_allowed_actions() {
        String id = Api.fileId(Api.newCustomer(), "EMAIL", "PRODUCT");
        given().header(Api.actor("ann")).contentType(ContentType.JSON).body("{\"reason\":\"still broken\"}")
                .post(BASE + "/" + id + "/reopen").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/illegal-transition"))
                .body("currentStatus", equalTo("OPEN"))
                .body("allowedActions", contains("acknowledge"));
        act(id, "acknowledge").statusCode(200);
        act(id, "start").statusCode(200);
        given().header(Api.actor("ann")).contentType(ContentType.JSON).body("{\"reason\":\"still broken\"}")
                .post(BASE + "/" + id + "/reopen").then().statusCode(409)
                .body("currentStatus", equalTo("IN_PROGRESS"))
                .body("allowedActions", contains("wait-on-customer", "resolution"));
        Api.get(id).body("status", equalTo("IN_PROGRESS")).body("reopenCount", equalTo(0));
    }

    @Test
    void the_reopen_reason_is_on_the_complaint_in_the_audit_and_a_note_for_the_handler() {
        String id = Api.fileId(Api.newCustomer(), "EMAIL", "PRODUCT");
        act(id, "acknowledge").statusCode(200);
        act(id, "start").statusCode(200);
        Api.resolve(id, false, null).statusCode(200).body("lastReopenReason", nullValue()).body("reopenedAt", nullValue());
        clock.advance(Duration.ofHours(1));
        given().header(Api.actor("ben")).contentType(ContentType.JSON).body("{\"reason\":\"Replacement also arrived broken\"}")
                .post(BASE + "/" + id + "/reopen").then().statusCode(200)
                .body("lastReopenReason", equalTo("Replacement also arrived broken"))
                .body("reopenedAt", equalTo("2026-11-23T09:30:00Z"));
        Api.get(id).body("lastReopenReason", equalTo("Replacement also arrived broken"));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'lastReopenReason' }.newValue", equalTo("Replacement also arrived broken"))
                .body("items.find { it.field == 'lastReopenReason' }.actor", equalTo("ben"));
        given().queryParam("visibility", "INTERNAL").get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.find { it.body == 'Reopened: Replacement also arrived broken' }.author", equalTo("ben"));

        // Reopened again for another reason: the complaint shows the latest, the audit keeps both.
        act(id, "start").statusCode(200);
        Api.resolve(id, false, null).statusCode(200);
        given().contentType(ContentType.JSON).body("{\"reason\":\"Customer never received it\"}")
                .post(BASE + "/" + id + "/reopen").then().statusCode(200)
                .body("lastReopenReason", equalTo("Customer never received it")).body("reopenCount", equalTo(2));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.findAll { it.field == 'lastReopenReason' }.newValue",
                        contains("Replacement also arrived broken", "Customer never received it"));
    }

    @Test
    void reopening_after_the_window_is_refused_and_resolved_complaints_close_after_the_quiet_period() {
        String late = Api.fileId(Api.newCustomer(), "WEB", "SERVICE");
        String quiet = Api.fileId(Api.newCustomer(), "WEB", "SERVICE");
        String chatty = Api.fileId(Api.newCustomer(), "WEB", "SERVICE");
        for (String id : List.of(late, quiet, chatty)) {
            act(id, "acknowledge").statusCode(200);
            act(id, "start").statusCode(200);
            Api.resolve(id, false, null).statusCode(200);
        }
        act(late, "close").statusCode(200);
        clock.advance(Duration.ofDays(10));
        // Activity after the resolution restarts the quiet period.
        given().contentType(ContentType.JSON).body("{\"body\":\"Customer confirmed receipt\",\"visibility\":\"INTERNAL\"}")
                .post(BASE + "/" + chatty + "/comments").then().statusCode(201);
        clock.advance(Duration.ofDays(3));
        check.run();
        Api.get(quiet).body("status", equalTo("RESOLVED"));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        check.run();
        Api.get(quiet).body("status", equalTo("CLOSED")).body("closedAt", notNullValue());
        Api.get(chatty).body("status", equalTo("RESOLVED"));
        given().queryParam("limit", 200).get(BASE + "/" + quiet + "/audit").then()
                .body("items.find { it.field == 'status' && it.newValue == 'CLOSED' }.actor", equalTo("system"));
        assertThat(Api.outbox("crm.complaint.closed.v1", quiet)).hasSize(1);

        clock.advance(Duration.ofDays(17));
        given().contentType(ContentType.JSON).body("{\"reason\":\"too late\"}").post(BASE + "/" + late + "/reopen")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/reopen-window-passed"));
        Api.get(late).body("status", equalTo("CLOSED"));
    }

    @Test
    void a_stale_if_match_is_412_and_a_current_one_passes() {
        String id = Api.fileId(Api.newCustomer(), "WEB", "SERVICE");
        String etag = given().get(BASE + "/" + id).then().extract().header("ETag");
        given().header("If-Match", "\"9999\"").post(BASE + "/" + id + "/acknowledge").then().statusCode(412)
                .contentType("application/problem+json");
        given().header("If-Match", etag).post(BASE + "/" + id + "/acknowledge").then().statusCode(200);
        given().header("If-Match", etag).post(BASE + "/" + id + "/start").then().statusCode(412);
    }

    @Test
    void a_retried_intake_with_the_same_idempotency_key_files_once() {
        String customer = Api.newCustomer();
        String body = Api.body(customer, "PARTNER", "PRODUCT", null);
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(BASE)
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(BASE)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Api.body(customer, "PHONE", "PRODUCT", null))
                .post(BASE).then().statusCode(422).body("type", equalTo("https://crmsuite.dev/problems/idempotency-key-reused"));
        given().queryParam("customerId", customer).get(BASE).then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void bad_input_is_a_problem_naming_the_field() {
        String customer = Api.newCustomer();
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + customer + "\",\"category\":\"PRODUCT\",\"subject\":\"s\",\"description\":\"d\"}")
                .post(BASE).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("channel"));
        given().contentType(ContentType.JSON).body(Api.body(customer, "FAX", "PRODUCT", null))
                .post(BASE).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("channel")).body("errors[0].message", containsString("PHONE"));
        given().contentType(ContentType.JSON).body(Api.body("not-a-uuid", "PHONE", "PRODUCT", null))
                .post(BASE).then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        // Ids are read strictly: no trimming, no short groups that UUID.fromString would widen.
        for (String odd : List.of(" " + customer, customer + " ", "1-1-1-1-1")) {
            given().contentType(ContentType.JSON).body(Api.body(odd, "PHONE", "PRODUCT", null))
                    .post(BASE).then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        }
        given().contentType(ContentType.JSON).body(Api.body(customer, "PHONE", "PRODUCT", "SOMEDAY"))
                .post(BASE).then().statusCode(400).body("errors[0].field", equalTo("priority"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"PHONE\",\"category\":\"PRODUCT\",\"subject\":\" \",\"description\":\"d\"}")
                .post(BASE).then().statusCode(400).body("errors.field", hasItem("subject"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"PHONE\",\"category\":\"PRODUCT\",\"subject\":\"s\",\"description\":\"d\",\"mood\":\"bad\"}")
                .post(BASE).then().statusCode(400).body("errors[0].field", equalTo("mood"));
        given().contentType(ContentType.JSON).body("{ nope").post(BASE).then().statusCode(400)
                .contentType("application/problem+json");
        // X-Actor is no input any more: whoever the token names made the change, whatever the header claims.
        String claimed = given().contentType(ContentType.JSON).header(Api.actor("ann")).header("X-Actor", "ceo")
                .body(Api.body(customer, "PHONE", "PRODUCT", null)).post(BASE).then().statusCode(201).extract().path("id");
        given().queryParam("limit", 200).get(BASE + "/" + claimed + "/audit").then().statusCode(200)
                .body("items.actor", everyItem(equalTo("ann")));

        String id = Api.fileId(customer, "PHONE", "PRODUCT");
        act(id, "acknowledge").statusCode(200);
        act(id, "start").statusCode(200);
        given().contentType(ContentType.JSON).body("{\"rootCause\":\"x\",\"firstContactResolution\":true}")
                .post(BASE + "/" + id + "/resolution").then().statusCode(400).body("errors.field", hasItem("outcome"));
        given().contentType(ContentType.JSON).body("{\"outcome\":\"o\",\"rootCause\":\"x\",\"firstContactResolution\":true,\"compensationPoints\":-5}")
                .post(BASE + "/" + id + "/resolution").then().statusCode(400).body("errors.field", hasItem("compensationPoints"));
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/" + id + "/reopen").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().queryParam("status", "SLEEPING").get(BASE).then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().queryParam("overdue", "maybe").get(BASE).then().statusCode(400).body("errors[0].field", equalTo("overdue"));
        given().queryParam("customerId", "x").get(BASE).then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        given().queryParam("limit", 0).get(BASE).then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().get(BASE + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        act(UUID.randomUUID().toString(), "acknowledge").statusCode(404).contentType("application/problem+json");
    }
}
