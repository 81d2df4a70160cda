package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Drafts, immutable versions, and responses that stay bound to the version they answered. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SurveyVersioningTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    @Test
    void publish_freezes_a_version_and_announces_it() {
        String body = Fixtures.survey("Relationship check", Fixtures.NPS_SURVEY_QUESTIONS, "[]");
        Response created = given().contentType(ContentType.JSON).body(body).post("/api/v1/surveys");
        created.then().statusCode(201).header("ETag", "\"0\"")
                .body("latestVersion", nullValue()).body("unpublishedChanges", equalTo(true))
                .body("questions.key", contains("recommend", "satisfied", "staff", "why"))
                .body("questions[1].required", equalTo(false));
        String id = created.path("id");

        given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/surveys/" + id + "/versions/1"))
                .body("version", equalTo(1)).body("title", equalTo("Relationship check"));
        given().get("/api/v1/surveys/" + id).then().statusCode(200)
                .body("latestVersion", equalTo(1)).body("unpublishedChanges", equalTo(false));
        // Publishing the same draft again would only make a copy.
        given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://crmsuite.dev/problems/nothing-to-publish"));

        List<JsonNode> published = Fixtures.awaitSurveyEvents("crm.survey.published.v1", d -> id.equals(d.path("surveyId").asText()));
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().get("subject").asText()).isEqualTo(id);
        assertThat(published.getFirst().get("data").get("version").asInt()).isEqualTo(1);
        assertThat(published.getFirst().get("data").get("title").asText()).isEqualTo("Relationship check");
        assertThat(published.getFirst().get("data").get("publishedAt").asText()).isNotBlank();
    }

    @Test
    void editing_after_responses_keeps_old_answers_bound_to_their_version() {
        String id = Fixtures.publish(Fixtures.survey("Post purchase", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        String customer = Fixtures.registerCustomer(true);
        Fixtures.purchase(customer, "50.00");
        Map<String, Object> invitation = Fixtures.awaitInvitations(customer, 1).getFirst();
        assertThat(invitation.get("surveyVersion")).isEqualTo(1);
        String token = (String) invitation.get("token");

        // Edit the live survey: reword a kept question, drop one, add one; publish version 2.
        Response current = given().get("/api/v1/surveys/" + id);
        String v2 = Fixtures.survey("Post purchase v2", """
                [{"key":"recommend","type":"NPS","text":"Would you recommend our shop?","required":true},
                 {"key":"effort","type":"CES","text":"How easy was it?","required":true}]""", "[{\"on\":\"PURCHASE_RECORDED\"}]");
        given().contentType(ContentType.JSON).body(v2).put("/api/v1/surveys/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).header("If-Match", "\"99\"").body(v2).put("/api/v1/surveys/" + id)
                .then().statusCode(412);
        given().contentType(ContentType.JSON).header("If-Match", current.header("ETag")).body(v2).put("/api/v1/surveys/" + id)
                .then().statusCode(200).body("unpublishedChanges", equalTo(true)).body("latestVersion", equalTo(1));
        given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(201).body("version", equalTo(2));

        // The invitation made under version 1 still shows and accepts version 1's questions.
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + token).then().statusCode(200)
                .body("surveyVersion", equalTo(1)).body("questions.key", contains("recommend", "satisfied", "staff", "why"));
        Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answers\":{\"recommend\":9,\"satisfied\":5,\"staff\":4}}")
                .post("/api/v1/survey-invitations/" + token + "/responses")
                .then().statusCode(201).body("surveyVersion", equalTo(1));

        given().get("/api/v1/surveys/" + id + "/versions/1").then().statusCode(200)
                .body("questions.key", contains("recommend", "satisfied", "staff", "why"));
        given().get("/api/v1/surveys/" + id + "/versions/2").then().statusCode(200)
                .body("questions.key", contains("recommend", "effort"))
                .body("questions[0].text", equalTo("Would you recommend our shop?"));
        given().get("/api/v1/surveys/" + id + "/versions/3").then().statusCode(404).contentType("application/problem+json");
        assertThat(Fixtures.queryLong("select count(*) from survey_response where survey_id = '" + id + "' and survey_version = 1"))
                .isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from survey_answer a join survey_response r on r.id = a.response_id "
                + "where r.survey_id = '" + id + "' and a.question_key = 'staff' and a.score = 4")).isEqualTo(1);
        // The kept key continues the trend line across versions.
        given().get("/api/v1/surveys/" + id + "/results").then().statusCode(200)
                .body("overall.questions.recommend.answers", equalTo(1));
    }

    @Test
    void a_published_key_cannot_change_its_type() {
        String id = Fixtures.publish(Fixtures.survey("Keys", Fixtures.NPS_SURVEY_QUESTIONS, "[]"));
        Response current = given().get("/api/v1/surveys/" + id);
        given().contentType(ContentType.JSON).header("If-Match", current.header("ETag"))
                .body(Fixtures.survey("Keys", "[{\"key\":\"recommend\",\"type\":\"CSAT\",\"text\":\"Satisfied?\"}]", "[]"))
                .put("/api/v1/surveys/" + id).then().statusCode(200);
        given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/question-key-reused"))
                .body("errors.field", hasItem("questions[0].key"));
    }

    @Test
    void a_malformed_questionnaire_is_a_problem_naming_the_fields() {
        given().contentType(ContentType.JSON).body(Fixtures.survey("Bad", """
                        [{"key":"recommend","type":"NPS","text":"Recommend?"},
                         {"key":"rate","type":"RATING","text":"Rate"},
                         {"key":"why","type":"FREE_TEXT","text":"Why?","showIf":{"question":"nope","atMost":6}}]""",
                        "[{\"on\":\"PERIODIC\"}]"))
                .post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("questions[1].dimension", "questions[2].showIf.question", "triggers[0].everyMonths"));
        given().contentType(ContentType.JSON).body("{\"title\":\"No questions\",\"questions\":[]}")
                .post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("questions"));
        given().contentType(ContentType.JSON).body(Fixtures.survey("Bad type", "[{\"key\":\"a\",\"type\":\"STARS\",\"text\":\"x\"}]", "[]"))
                .post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/surveys/" + java.util.UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_creates_once() {
        String body = Fixtures.survey("Idempotent", Fixtures.NPS_SURVEY_QUESTIONS, "[]");
        String key = java.util.UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/surveys")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(Fixtures.queryLong("select count(*) from survey where title = 'Idempotent'")).isEqualTo(1);
    }

    @Test
    void an_idempotency_key_is_never_replayed_to_another_caller() {
        String body = Fixtures.survey("Idempotent per caller", Fixtures.NPS_SURVEY_QUESTIONS, "[]");
        String key = java.util.UUID.randomUUID().toString();
        String alice = "Bearer " + InternalTokens.token("survey-service", "user:alice", "staff", null, "alice", List.of(Scopes.SURVEYS_WRITE));
        String bob = "Bearer " + InternalTokens.token("survey-service", "user:bob", "staff", null, "bob", List.of(Scopes.SURVEYS_WRITE));
        String first = given().header("Authorization", alice).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        Response other = given().header("Authorization", bob).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/surveys");
        other.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertThat(other.<String>path("id")).isNotEqualTo(first);
        // The first caller's retry is still a replay of their own answer.
        given().header("Authorization", alice).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/surveys").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(Fixtures.queryLong("select count(*) from survey where title = 'Idempotent per caller'")).isEqualTo(2);
    }

    @Test
    void surveys_are_listed_newest_first_with_a_cursor() {
        String a = Fixtures.publish(Fixtures.survey("List A", Fixtures.NPS_SURVEY_QUESTIONS, "[]"));
        String b = Fixtures.publish(Fixtures.survey("List B", Fixtures.NPS_SURVEY_QUESTIONS, "[]"));
        Response first = given().queryParam("limit", 1).get("/api/v1/surveys");
        first.then().statusCode(200).body("items[0].id", equalTo(b));
        String cursor = first.path("nextCursor");
        given().queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/surveys")
                .then().statusCode(200).body("items[0].id", equalTo(a));
        given().queryParam("cursor", "garbage!").get("/api/v1/surveys").then().statusCode(400);
    }
}
