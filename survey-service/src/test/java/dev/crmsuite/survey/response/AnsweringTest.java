package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.survey.support.Fixtures;
import dev.crmsuite.platform.testing.ControllableClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The public answer link: questions, one valid submit, and problem+json for everything else. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AnsweringTest {

    @Inject
    ControllableClock clock;
    @Inject
    AnonymousResponseEvents anonymousEvents;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        Fixtures.retireAll();
    }

    static io.restassured.response.Response submit(String token, String answers) {
        return Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + token + "/responses");
    }

    @Test
    void a_token_shows_the_questions_and_answers_exactly_once() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + invited.token()).then().statusCode(200)
                .body("surveyId", equalTo(invited.surveyId())).body("surveyVersion", equalTo(1))
                .body("title", equalTo("Answering")).body("anonymous", equalTo(false))
                .body("questions.key", contains("recommend", "satisfied", "staff", "why"))
                .body("questions[3].showIf.atMost", equalTo(6)).body("expiresAt", notNullValue());

        String responseId = submit(invited.token(), "{\"recommend\":10,\"satisfied\":5,\"staff\":5}")
                .then().statusCode(201).body("surveyId", equalTo(invited.surveyId())).body("surveyVersion", equalTo(1))
                .extract().path("responseId");
        submit(invited.token(), "{\"recommend\":3,\"why\":\"changed my mind\"}")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/already-answered"));
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + invited.token()).then().statusCode(409);
        given().queryParam("customerId", invited.customerId()).queryParam("status", "ANSWERED").get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].answeredAt", notNullValue());

        assertThat(Fixtures.queryString("select customer_id from survey_response where id = '" + responseId + "'"))
                .isEqualTo(invited.customerId());
        List<JsonNode> submitted = Fixtures.awaitSurveyEvents("crm.survey.response.submitted.v1",
                d -> responseId.equals(d.path("responseId").asText()));
        assertThat(submitted).hasSize(1);
        JsonNode data = submitted.getFirst().get("data");
        assertThat(submitted.getFirst().get("subject").asText()).isEqualTo(invited.customerId());
        assertThat(data.get("customerId").asText()).isEqualTo(invited.customerId());
        assertThat(data.get("surveyVersion").asInt()).isEqualTo(1);
        assertThat(data.get("nps").asInt()).isEqualTo(10);
        assertThat(data.get("csat").asInt()).isEqualTo(5);
        assertThat(data.get("ces").isNull()).isTrue();
        // A promoter is not unhappy: no closed-loop event.
        assertThat(Fixtures.surveyEventsNow("crm.survey.unhappy-response.v1",
                d -> responseId.equals(d.path("responseId").asText()))).isEmpty();
    }

    @Test
    void invalid_answers_are_a_problem_naming_each_question() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        submit(invited.token(), "{\"recommend\":11}").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/invalid-answers"))
                .body("errors.field", contains("answers.recommend"))
                .body("detail", equalTo("answers.recommend: must be a whole number from 0 to 10"));
        submit(invited.token(), "{\"satisfied\":4}").then().statusCode(400)
                .body("errors.field", contains("answers.recommend"))
                .body("errors[0].message", equalTo("is required"));
        submit(invited.token(), "{\"recommend\":8,\"colour\":\"blue\",\"satisfied\":0}").then().statusCode(400)
                .body("errors.field", contains("answers.colour", "answers.satisfied"));
        submit(invited.token(), "{\"recommend\":9,\"why\":\"not asked of promoters\"}").then().statusCode(400)
                .body("errors.field", contains("answers.why"));
        Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answer\":{}}")
                .post("/api/v1/survey-invitations/" + invited.token() + "/responses")
                .then().statusCode(400).contentType("application/problem+json");
        // None of that used the invitation up.
        submit(invited.token(), "{\"recommend\":5,\"why\":\"slow\"}").then().statusCode(201);
    }

    @Test
    void unknown_and_expired_tokens_are_problems() {
        Fixtures.asCustomer().get("/api/v1/survey-invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://crmsuite.dev/problems/unknown-invitation"));
        submit("not-a-token", "{\"recommend\":9}").then().statusCode(404).contentType("application/problem+json");

        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        clock.advance(Duration.ofDays(15)); // validity is 14 days
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + invited.token()).then().statusCode(410)
                .contentType("application/problem+json").body("type", equalTo("https://crmsuite.dev/problems/invitation-expired"));
        submit(invited.token(), "{\"recommend\":9}").then().statusCode(410).contentType("application/problem+json");
        given().queryParam("customerId", invited.customerId()).queryParam("status", "EXPIRED").get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("EXPIRED"));
        clock.reset();
        submit(invited.token(), "{\"recommend\":9}").then().statusCode(201);
    }

    @Test
    void an_invitation_waiting_for_its_send_time_cannot_be_answered_yet() {
        String survey = Fixtures.publish(Fixtures.survey("Later", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PURCHASE_RECORDED\",\"delay\":\"P3D\"}]"));
        String customer = Fixtures.registerCustomer(true);
        Fixtures.purchase(customer, "5.00");
        String token = (String) Fixtures.awaitInvitations(customer, 1).getFirst().get("token");
        assertThat(survey).isNotNull();
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + token).then().statusCode(409)
                .body("type", equalTo("https://crmsuite.dev/problems/invitation-not-open"));
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + token).then().statusCode(200);
    }

    @Test
    void an_anonymous_survey_stores_no_customer_id() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS, true, "RELATIONAL");
        String responseId = submit(invited.token(), "{\"recommend\":2,\"why\":\"rude\"}").then().statusCode(201)
                .extract().path("responseId");
        assertThat(Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId
                + "' and customer_id is null and invitation_id is null")).isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from survey_response where customer_id = '" + invited.customerId() + "'"))
                .isZero();
        anonymousEvents.publishDue(Instant.now().plus(Duration.ofDays(2)));
        JsonNode event = Fixtures.awaitSurveyEvents("crm.survey.response.submitted.v1",
                d -> responseId.equals(d.path("responseId").asText())).getFirst();
        assertThat(event.get("subject").asText()).isEqualTo(invited.surveyId());
        assertThat(event.get("data").get("customerId").isNull()).isTrue();
        assertThat(event.toString()).doesNotContain(invited.customerId());
        // Following up would undo the anonymity: no closed-loop event for an anonymous detractor.
        assertThat(Fixtures.surveyEventsNow("crm.survey.unhappy-response.v1",
                d -> responseId.equals(d.path("responseId").asText()))).isEmpty();
    }
}
