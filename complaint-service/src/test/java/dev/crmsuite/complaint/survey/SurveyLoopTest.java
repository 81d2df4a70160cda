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
import static org.hamcrest.Matchers.hasItem;

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

    static void unhappy(String customer, String complaintId, String comment) {
        TopicRecords.send("crm.surveys", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                "crm.survey.unhappy-response.v1", customer, """
                        {"responseId":"%s","surveyId":"%s","invitationId":"%s","customerId":"%s","scoreType":"CSAT",
                         "score":1,"triggerEventType":"crm.complaint.resolved.v1","complaintId":%s,"comment":%s,
                         "submittedAt":"2026-11-30T10:00:00Z"}""".formatted(UUID.randomUUID(), UUID.randomUUID(),
                        UUID.randomUUID(), customer, Api.json(complaintId), Api.json(comment))));
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
        unhappy(customer, id, "Still broken");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id).body("status", equalTo("REOPENED")));
        Api.get(id).body("reopenCount", equalTo(1));
        assertThat(Api.outbox("crm.complaint.reopened.v1", id)).singleElement()
                .satisfies(e -> assertThat(e.get("reason").asText()).contains("unhappy survey response").contains("Still broken"));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.find { it.field == 'status' && it.newValue == 'REOPENED' }.actor", equalTo("system"));
        // The handler sees why: on the complaint and as an internal note, with the score and the customer's words.
        Api.get(id).body("lastReopenReason", containsString("survey")).body("lastReopenReason", containsString("CSAT 1"))
                .body("lastReopenReason", containsString("Still broken"));
        given().queryParam("visibility", "INTERNAL").get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.find { it.body.startsWith('Reopened: ') }.body", containsString("Still broken"))
                .body("items.find { it.body.startsWith('Reopened: ') }.author", equalTo("system"));
    }

    @Test
    void after_the_window_a_new_complaint_is_filed_and_linked() {
        String customer = Api.newCustomer();
        String id = resolved(customer);
        clock.advance(Duration.ofDays(31));
        unhappy(customer, id, "Nobody called me back");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("customerId", customer).get(BASE)
                .then().body("items.size()", equalTo(2)));
        given().queryParam("customerId", customer).get(BASE).then()
                .body("items.find { it.id != '" + id + "' }.linkedComplaintId", equalTo(id))
                .body("items.find { it.id != '" + id + "' }.description", equalTo("Nobody called me back"))
                .body("items.find { it.id != '" + id + "' }.status", equalTo("OPEN"))
                .body("items.find { it.id != '" + id + "' }.category", equalTo("PRODUCT"));
        Api.get(id).body("status", equalTo("RESOLVED")).body("reopenCount", equalTo(0));
    }

    @Test
    void an_unhappy_answer_about_a_complaint_still_in_work_becomes_a_note_for_the_handler() {
        String customer = Api.newCustomer();
        String id = Api.fileId(customer, "PHONE", "PRODUCT");
        act(id, "acknowledge").statusCode(200);
        unhappy(customer, id, "Too slow");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(BASE + "/" + id + "/comments").then()
                .body("items.body", hasItem(containsString("Too slow"))));
        given().get(BASE + "/" + id + "/comments").then().body("items[0].visibility", equalTo("INTERNAL"))
                .body("items[0].author", equalTo("system"));
        Api.get(id).body("status", equalTo("ACKNOWLEDGED"));
    }
}
