package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An unhappy answer reaches crm.surveys as crm.survey.unhappy-response.v1, carrying the complaint it was about. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ClosedLoopTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    static String submit(String token, String answers) {
        return Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201).extract().path("responseId");
    }

    @Test
    void a_detractor_after_a_resolved_complaint_emits_unhappy_response_with_the_complaint() {
        String survey = Fixtures.publish(Fixtures.survey("Was your complaint solved?", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"COMPLAINT_RESOLVED\"}]"));
        String customer = Fixtures.registerCustomer(true);
        String complaint = UUID.randomUUID().toString();
        Fixtures.complaintResolved(customer, complaint);
        Map<String, Object> invitation = Fixtures.awaitInvitations(customer, 1).getFirst();

        String responseId = submit((String) invitation.get("token"), "{\"recommend\":4,\"why\":\"Still broken\"}");

        List<JsonNode> events = Fixtures.awaitSurveyEvents("crm.survey.unhappy-response.v1",
                d -> responseId.equals(d.path("responseId").asText()));
        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.get("subject").asText()).isEqualTo(customer);
        assertThat(event.get("source").asText()).isEqualTo("/crm/survey-service");
        JsonNode data = event.get("data");
        assertThat(data.get("surveyId").asText()).isEqualTo(survey);
        assertThat(data.get("invitationId").asText()).isEqualTo(invitation.get("id"));
        assertThat(data.get("customerId").asText()).isEqualTo(customer);
        assertThat(data.get("scoreType").asText()).isEqualTo("NPS");
        assertThat(data.get("score").asInt()).isEqualTo(4);
        assertThat(data.get("triggerEventType").asText()).isEqualTo("crm.complaint.resolved.v1");
        assertThat(data.get("complaintId").asText()).isEqualTo(complaint);
        assertThat(data.get("submittedAt").asText()).isNotBlank();
        // The customer's words are personal data: not in the event log (kept forever), only in survey-service.
        assertThat(data.has("comment")).isFalse();
        assertThat(event.toString()).doesNotContain("Still broken");
        io.restassured.RestAssured.given().queryParam("limit", 200).get("/api/v1/surveys/" + survey + "/questions/why/answers")
                .then().statusCode(200).body("items.find { it.responseId == '" + responseId + "' }.text", org.hamcrest.Matchers.equalTo("Still broken"));
    }

    @Test
    void a_low_csat_after_a_purchase_emits_unhappy_response_without_a_complaint() {
        Fixtures.Invited invited = Fixtures.invite("[{\"key\":\"satisfied\",\"type\":\"CSAT\",\"text\":\"Satisfied?\",\"required\":true}]");
        String responseId = submit(invited.token(), "{\"satisfied\":2}");
        JsonNode data = Fixtures.awaitSurveyEvents("crm.survey.unhappy-response.v1",
                d -> responseId.equals(d.path("responseId").asText())).getFirst().get("data");
        assertThat(data.get("scoreType").asText()).isEqualTo("CSAT");
        assertThat(data.get("score").asInt()).isEqualTo(2);
        assertThat(data.get("triggerEventType").asText()).isEqualTo("crm.purchase.recorded.v1");
        assertThat(data.get("complaintId").isNull()).isTrue();
        assertThat(data.has("comment")).isFalse();

        Fixtures.Invited content = Fixtures.invite("[{\"key\":\"satisfied\",\"type\":\"CSAT\",\"text\":\"Satisfied?\",\"required\":true}]");
        String happy = submit(content.token(), "{\"satisfied\":3}");
        Fixtures.awaitSurveyEvents("crm.survey.response.submitted.v1", d -> happy.equals(d.path("responseId").asText()));
        assertThat(Fixtures.surveyEventsNow("crm.survey.unhappy-response.v1", d -> happy.equals(d.path("responseId").asText())))
                .isEmpty();
    }
}
