package dev.crmsuite.complaint.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.sla.DeadlineCheck;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.berlin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Escalation reaches a named owner (issue 16 item 16): a missed deadline escalates a complaint to
 * its team's lead, the next one to the next in the chain; the owner lists their open escalations
 * and acknowledges (takes over) each one, which takes it out of the open queue. Staff may escalate
 * a complaint by hand too, along the same chain.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class EscalationApiTest {

    static final String QUEUE = "/api/v1/escalations";

    @Inject
    ControllableClock clock;
    @Inject
    DeadlineCheck check;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** A billing complaint filed Monday 1 March 2027 at 09:00 (HIGH: respond by 13:00, resolve by Tuesday 17:00). */
    String billingComplaint() {
        return billingComplaint("09:00");
    }

    String billingComplaint(String at) {
        clock.set(berlin("2027-03-01T" + at));
        return Api.fileId(Api.newCustomer(), "PHONE", "BILLING");
    }

    static List<String> queue(String owner, String status) {
        return Api.walk(QUEUE + "?owner=" + owner + "&status=" + status + "&limit=2", 2).stream()
                .map(c -> c.path("id").asText()).toList();
    }

    @Test
    void a_missed_deadline_reaches_the_team_lead_then_the_next_in_the_chain_through_their_queues() {
        String id = billingComplaint();
        String other = billingComplaint("10:00"); // respond by 14:00: escalates an hour later
        Api.get(id).body("escalation", nullValue()).body("escalationLevel", equalTo(0));

        clock.set(berlin("2027-03-01T13:30"));
        check.run();
        Api.get(other).body("escalation", nullValue());
        clock.set(berlin("2027-03-01T14:30"));
        check.run();
        Api.get(id).body("escalationLevel", equalTo(1)).body("priority", equalTo("URGENT"))
                .body("escalation.level", equalTo(1)).body("escalation.owner", equalTo("finance-lead"))
                .body("escalation.status", equalTo("OPEN")).body("escalation.acknowledgedBy", nullValue())
                .body("escalation.reason", equalTo("the first-response deadline passed (due " + berlin("2027-03-01T13:00") + ")"));
        // Both in the lead's open queue, oldest escalation first, in pages of the suite's one shape.
        List<String> open = queue("finance-lead", "OPEN");
        assertThat(open).contains(id, other);
        assertThat(open.indexOf(id)).isLessThan(open.indexOf(other));
        assertThat(queue("care-lead", "OPEN")).doesNotContain(id, other);
        JsonNode event = Api.outbox("crm.complaint.escalated.v1", id).getFirst();
        assertThat(event.get("escalationOwner").asText()).isEqualTo("finance-lead");
        assertThat(event.get("escalationLevel").asInt()).isEqualTo(1);

        // The lead acknowledges: taken over, out of the open queue, audited under the lead's name.
        given().header(Api.actor("finance-lead")).post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("escalation.status", equalTo("ACKNOWLEDGED")).body("escalation.acknowledgedBy", equalTo("finance-lead"))
                .body("escalation.acknowledgedAt", equalTo(berlin("2027-03-01T14:30").toString()))
                .body("escalation.owner", equalTo("finance-lead"));
        assertThat(queue("finance-lead", "OPEN")).doesNotContain(id).contains(other);
        assertThat(queue("finance-lead", "ACKNOWLEDGED")).contains(id);
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'escalationStatus' && it.newValue == 'ACKNOWLEDGED' }.actor", equalTo("finance-lead"))
                .body("items.find { it.field == 'escalationOwner' }.newValue", equalTo("finance-lead"))
                .body("items.find { it.field == 'escalationOwner' }.actor", equalTo("system"));
        // Acknowledged once: a second acknowledgement is a conflict naming who has it.
        given().header(Api.actor("head-of-care")).post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(409)
                .contentType("application/problem+json").body("acknowledgedBy", equalTo("finance-lead"));

        // The resolution deadline passes too: the next escalation of the same complaint goes one step up the chain.
        clock.set(berlin("2027-03-02T17:30"));
        check.run();
        Api.get(id).body("escalation.level", equalTo(2)).body("escalation.owner", equalTo("head-of-care"))
                .body("escalation.status", equalTo("OPEN")).body("escalation.acknowledgedBy", nullValue());
        assertThat(queue("head-of-care", "OPEN")).contains(id);
        assertThat(queue("finance-lead", "ACKNOWLEDGED")).doesNotContain(id);
        assertThat(Api.outbox("crm.complaint.escalated.v1", id)).extracting(e -> e.get("escalationOwner").asText())
                .containsExactly("finance-lead", "head-of-care");
    }

    @Test
    void another_handler_who_acknowledges_takes_the_escalation_over() {
        String id = billingComplaint();
        clock.set(berlin("2027-03-01T13:30"));
        check.run();
        given().header(Api.actor("head-of-care")).post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(200)
                .body("escalation.owner", equalTo("head-of-care")).body("escalation.acknowledgedBy", equalTo("head-of-care"));
        assertThat(queue("head-of-care", "ACKNOWLEDGED")).contains(id);
        assertThat(queue("finance-lead", "OPEN")).doesNotContain(id);
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.findAll { it.field == 'escalationOwner' }.newValue", equalTo(List.of("finance-lead", "head-of-care")));
    }

    @Test
    void a_complaint_that_never_escalated_has_nothing_to_acknowledge() {
        String id = billingComplaint();
        given().post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(409)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-escalated"));
        given().post(BASE + "/" + java.util.UUID.randomUUID() + "/escalation/acknowledge").then().statusCode(404)
                .contentType("application/problem+json");
    }

    static io.restassured.response.ValidatableResponse escalate(String id, String actor, String reason) {
        return given().header(Api.actor(actor)).contentType(ContentType.JSON).body("{\"reason\":" + Api.json(reason) + "}")
                .post(BASE + "/" + id + "/escalation").then();
    }

    @Test
    void staff_escalate_by_hand_along_the_same_chain_to_an_owner_who_acknowledges_it() {
        String id = billingComplaint();
        String etag = escalate(id, "dina", "Customer threatens to cancel the contract").statusCode(200)
                .header("ETag", notNullValue())
                .body("priority", equalTo("URGENT")).body("escalationLevel", equalTo(1))
                .body("escalation.level", equalTo(1)).body("escalation.owner", equalTo("finance-lead"))
                .body("escalation.status", equalTo("OPEN")).body("escalation.acknowledgedBy", nullValue())
                .body("escalation.reason", equalTo("escalated manually by dina: Customer threatens to cancel the contract"))
                .extract().header("ETag");
        Api.get(id).header("ETag", equalTo(etag)).body("escalation.owner", equalTo("finance-lead"));
        assertThat(queue("finance-lead", "OPEN")).contains(id);
        JsonNode event = Api.outbox("crm.complaint.escalated.v1", id).getFirst();
        assertThat(event.get("escalationOwner").asText()).isEqualTo("finance-lead");
        assertThat(event.get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(event.get("priority").asText()).isEqualTo("URGENT");
        // Audited under who escalated it, not the system.
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'escalationOwner' }.actor", equalTo("dina"))
                .body("items.find { it.field == 'escalationOwner' }.newValue", equalTo("finance-lead"))
                .body("items.find { it.field == 'priority' && it.action == 'escalate' }.newValue", equalTo("URGENT"));

        // The owner takes it over as after a missed deadline.
        given().header(Api.actor("finance-lead")).post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(200)
                .body("escalation.status", equalTo("ACKNOWLEDGED")).body("escalation.acknowledgedBy", equalTo("finance-lead"));
        assertThat(queue("finance-lead", "OPEN")).doesNotContain(id);
        assertThat(queue("finance-lead", "ACKNOWLEDGED")).contains(id);

        // Escalated again by hand: one step up the chain, OPEN again, priority stays at the top.
        escalate(id, "finance-lead", "Still no refund after a week").statusCode(200)
                .body("priority", equalTo("URGENT")).body("escalation.level", equalTo(2))
                .body("escalation.owner", equalTo("head-of-care")).body("escalation.status", equalTo("OPEN"))
                .body("escalation.reason", equalTo("escalated manually by finance-lead: Still no refund after a week"));
        assertThat(queue("head-of-care", "OPEN")).contains(id);
        // A missed deadline afterwards continues from there.
        clock.set(berlin("2027-03-01T13:30"));
        check.run();
        Api.get(id).body("escalation.level", equalTo(3)).body("escalation.owner", equalTo("head-of-care"))
                .body("escalation.reason", org.hamcrest.Matchers.startsWith("the first-response deadline passed"));
        assertThat(Api.outbox("crm.complaint.escalated.v1", id)).extracting(e -> e.get("escalationLevel").asInt())
                .containsExactly(1, 2, 3);
    }

    @Test
    void a_manual_escalation_needs_a_reason_and_honours_if_match() {
        String id = billingComplaint();
        String tooLong = "x".repeat(501);
        for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":\"" + tooLong + "\"}",
                "{\"reason\":\"cancel\\u0000now\"}", "{\"reason\":\"ok\",\"level\":3}")) {
            given().contentType(ContentType.JSON).body(body).post(BASE + "/" + id + "/escalation").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/" + id + "/escalation").then()
                .body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"" + tooLong + "\"}").post(BASE + "/" + id + "/escalation").then()
                .body("errors.field", hasItem("reason"));
        given().post(BASE + "/" + id + "/escalation").then().statusCode(org.hamcrest.Matchers.either(equalTo(400)).or(equalTo(415)));
        Api.get(id).body("escalation", nullValue()).body("escalationLevel", equalTo(0)).body("priority", equalTo("HIGH"));
        assertThat(Api.outbox("crm.complaint.escalated.v1", id)).isEmpty();

        String etag = given().get(BASE + "/" + id).then().extract().header("ETag");
        given().header("If-Match", "\"9999\"").contentType(ContentType.JSON).body("{\"reason\":\"Threatens to cancel\"}")
                .post(BASE + "/" + id + "/escalation").then().statusCode(412).contentType("application/problem+json");
        Api.get(id).body("escalation", nullValue());
        given().header("If-Match", etag).contentType(ContentType.JSON).body("{\"reason\":\"" + "x".repeat(500) + "\"}")
                .post(BASE + "/" + id + "/escalation").then().statusCode(200).body("escalation.level", equalTo(1));
        given().header("If-Match", etag).contentType(ContentType.JSON).body("{\"reason\":\"Threatens to cancel\"}")
                .post(BASE + "/" + id + "/escalation").then().statusCode(412);
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post(BASE + "/" + java.util.UUID.randomUUID() + "/escalation")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_resolved_or_closed_complaint_does_not_escalate() {
        String id = billingComplaint();
        Api.act(id, "acknowledge").statusCode(200);
        Api.act(id, "start").statusCode(200);
        Api.resolve(id, true, null).statusCode(200);
        escalate(id, "dina", "Threatens to cancel").statusCode(409).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("not-escalatable")).body("currentStatus", equalTo("RESOLVED"));
        Api.act(id, "close").statusCode(200);
        escalate(id, "dina", "Threatens to cancel").statusCode(409).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("not-escalatable")).body("currentStatus", equalTo("CLOSED"));
        Api.get(id).body("escalation", nullValue()).body("escalationLevel", equalTo(0));
        assertThat(Api.outbox("crm.complaint.escalated.v1", id)).isEmpty();
    }

    @Test
    void the_queue_refuses_an_unknown_owner_or_status_and_a_bad_page() {
        given().queryParam("owner", "zed").get(QUEUE).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("owner"));
        given().queryParam("status", "CLOSED").get(QUEUE).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("status"));
        given().queryParam("cursor", "bm90IGEgY3Vyc29y").get(QUEUE).then().statusCode(400).body("errors.field", hasItem("cursor"));
        given().queryParam("limit", 201).get(QUEUE).then().statusCode(400).body("errors.field", hasItem("limit"));
        given().get(QUEUE).then().statusCode(200).header("Link", nullValue()).body("$", org.hamcrest.Matchers.hasKey("nextCursor"));
    }

    @Test
    void the_queue_and_the_acknowledgement_are_for_staff_only() {
        String id = billingComplaint();
        clock.set(berlin("2027-03-01T13:30"));
        check.run();
        var partner = Api.partner("p-esc");
        given().header(partner).get(QUEUE).then().statusCode(403).contentType("application/problem+json");
        given().header(partner).post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(403)
                .contentType("application/problem+json");
        var viewer = Api.bearer(InternalTokens.staff(Api.AUDIENCE, Scopes.COMPLAINTS_READ));
        given().header(viewer).queryParam("owner", "finance-lead").get(QUEUE).then().statusCode(200)
                .body("items.id", hasItem(id));
        given().header(viewer).post(BASE + "/" + id + "/escalation/acknowledge").then().statusCode(403);
        Api.get(id).body("escalation.status", equalTo("OPEN"));
        // Escalating by hand is staff work too: a partner with every scope it can hold, or a viewer, is refused; nothing changes.
        String other = billingComplaint();
        for (var refused : List.of(partner, viewer)) {
            given().header(refused).contentType(ContentType.JSON).body("{\"reason\":\"Threatens to cancel\"}")
                    .post(BASE + "/" + other + "/escalation").then().statusCode(403).contentType("application/problem+json");
        }
        Api.get(other).body("escalation", nullValue());
    }
}
