package dev.crmsuite.complaint.survey;

import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.act;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Closed loop with survey-service: an unhappy answer about a resolved complaint brings it back. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SurveyLoopTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void monday() {
        clock.set(Api.berlin("2026-11-30T10:00"));
    }

    /**
     * survey-service's unhappy answer about a complaint, as it publishes it now: without the customer's comment
     * (free text stays out of the event log). {@code legacyComment}, when given, is added the way an older
     * survey-service sent it, to show it is not copied anywhere. Returns the response id.
     */
    static String unhappy(String customer, String complaintId, String legacyComment) {
        String responseId = UUID.randomUUID().toString();
        TopicRecords.send("crm.surveys", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                "crm.survey.unhappy-response.v1", customer, """
                        {"responseId":"%s","surveyId":"%s","invitationId":"%s","customerId":"%s","scoreType":"CSAT",
                         "score":1,"triggerEventType":"crm.complaint.resolved.v1","complaintId":%s,%s
                         "submittedAt":"2026-11-30T10:00:00Z"}""".formatted(responseId, UUID.randomUUID(),
                        UUID.randomUUID(), customer, Api.json(complaintId),
                        legacyComment == null ? "" : "\"comment\":" + Api.json(legacyComment) + ",")));
        return responseId;
    }

    static String resolved(String customer) {
        String id = Api.fileId(customer, "PHONE", "PRODUCT");
        act(id, "acknowledge").statusCode(200);
        act(id, "start").statusCode(200);
        Api.resolve(id, true, 100).statusCode(200);
        return id;
    }

    @Test
    void an_unhappy_answer_within_the_window_reopens_the_complaint() {
        String customer = Api.newCustomer();
        String id = resolved(customer);
        act(id, "close").statusCode(200);
        String response = unhappy(customer, id, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id).body("status", equalTo("REOPENED")));
        Api.get(id).body("reopenCount", equalTo(1));
        // The reopened event names no reason (free text stays out of the event log); the complaint keeps it.
        assertThat(Api.outbox("crm.complaint.reopened.v1", id)).singleElement()
                .satisfies(e -> assertThat(e.has("reason")).isFalse());
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.find { it.field == 'status' && it.newValue == 'REOPENED' }.actor", equalTo("system"));
        // The handler sees why: on the complaint and as an internal note, with the score and the response to look up.
        Api.get(id).body("lastReopenReason", containsString("survey")).body("lastReopenReason", containsString("CSAT 1"))
                .body("lastReopenReason", containsString(response));
        given().queryParam("visibility", "INTERNAL").get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.find { it.body.startsWith('Reopened: ') }.body", containsString(response))
                .body("items.find { it.body.startsWith('Reopened: ') }.author", equalTo("system"));
    }

    @Test
    void after_the_window_a_new_complaint_is_filed_and_linked() {
        String customer = Api.newCustomer();
        String id = resolved(customer);
        clock.advance(Duration.ofDays(31));
        String response = unhappy(customer, id, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("customerId", customer).get(BASE)
                .then().body("items.size()", equalTo(2)));
        given().queryParam("customerId", customer).get(BASE).then()
                .body("items.find { it.id != '" + id + "' }.linkedComplaintId", equalTo(id))
                .body("items.find { it.id != '" + id + "' }.description", containsString("CSAT 1"))
                .body("items.find { it.id != '" + id + "' }.description", containsString(response))
                .body("items.find { it.id != '" + id + "' }.status", equalTo("OPEN"))
                .body("items.find { it.id != '" + id + "' }.category", equalTo("PRODUCT"));
        Api.get(id).body("status", equalTo("RESOLVED")).body("reopenCount", equalTo(0));
    }

    @Test
    void an_unhappy_answer_about_a_complaint_still_in_work_becomes_a_note_for_the_handler() {
        String customer = Api.newCustomer();
        String id = Api.fileId(customer, "PHONE", "PRODUCT");
        act(id, "acknowledge").statusCode(200);
        // An older survey-service still sent the customer's comment: it is not copied into the complaint.
        String response = unhappy(customer, id, "Too slow");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(BASE + "/" + id + "/comments").then()
                .body("items.body", hasItem(containsString(response))));
        given().get(BASE + "/" + id + "/comments").then().body("items[0].visibility", equalTo("INTERNAL"))
                .body("items[0].author", equalTo("system"))
                .body("items.body", everyItem(not(containsString("Too slow"))));
        Api.get(id).body("status", equalTo("ACKNOWLEDGED"));
    }
}
