package dev.crmsuite.survey.score;

import dev.crmsuite.survey.support.Fixtures;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Survey results over real responses: choice distributions (every option, across versions by key,
 * per version), free-text answers paged newest first, and anonymity (small groups suppressed,
 * anonymous text answers naming nobody).
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SurveyResultsTest {

    static final String V1 = """
            [{"key":"channel","type":"SINGLE_CHOICE","text":"Where did you buy?","options":["web","shop","phone"]},
             {"key":"topics","type":"MULTIPLE_CHOICE","text":"What mattered?","options":["price","staff","range"]},
             {"key":"why","type":"FREE_TEXT","text":"Anything else?"}]""";
    static final String V2 = """
            [{"key":"channel","type":"SINGLE_CHOICE","text":"Where did you buy this time?","options":["web","shop","phone","app"]},
             {"key":"why","type":"FREE_TEXT","text":"Anything else?"}]""";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    /** A fresh customer of this segment buys, is invited to the survey in force and answers. */
    record Answered(String customerId, String invitationId, String responseId) {
    }

    static Answered answer(String segment, String answers) {
        String customer = Fixtures.registerCustomer(true, segment, Instant.now().toString());
        Fixtures.purchase(customer, "25.00");
        var invitation = Fixtures.awaitInvitations(customer, 1).getFirst();
        String responseId = Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + invitation.get("token") + "/responses")
                .then().statusCode(201).extract().path("responseId");
        return new Answered(customer, (String) invitation.get("id"), responseId);
    }

    static void publishNewVersion(String id, String questions, boolean anonymous) {
        Response current = given().get("/api/v1/surveys/" + id);
        given().contentType(ContentType.JSON).header("If-Match", current.header("ETag"))
                .body("{\"title\":\"Results\",\"anonymous\":" + anonymous + ",\"questions\":" + questions
                        + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}")
                .put("/api/v1/surveys/" + id).then().statusCode(200);
        given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(201);
    }

    static JsonPath choice(JsonPath results, String key) {
        List<String> keys = results.getList("choiceQuestions.key");
        return new JsonPath(results.prettify()).setRootPath("choiceQuestions[" + keys.indexOf(key) + "]");
    }

    @Test
    void choice_distributions_count_every_option_across_versions_and_per_version() {
        String id = Fixtures.publish("{\"title\":\"Results\",\"questions\":" + V1 + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        answer("RELATIONAL", "{\"channel\":\"web\",\"topics\":[\"price\",\"staff\"],\"why\":\"Late parcel\"}");
        answer("RELATIONAL", "{\"channel\":\"web\",\"topics\":[\"price\"]}");
        answer("TRANSACTIONAL", "{\"channel\":\"shop\",\"why\":\"Rude clerk\"}");
        publishNewVersion(id, V2, false);
        answer("TRANSACTIONAL", "{\"channel\":\"app\",\"why\":\"Great app\"}");

        JsonPath all = given().get("/api/v1/surveys/" + id + "/results").then().statusCode(200)
                .body("version", nullValue()).body("choiceQuestions.key", contains("channel", "topics"))
                .extract().jsonPath();
        JsonPath channel = choice(all, "channel");
        // Newest wording and options first; nobody chose phone, still listed. Small named groups are shown.
        assertThat(channel.getString("type")).isEqualTo("SINGLE_CHOICE");
        assertThat(channel.getString("text")).isEqualTo("Where did you buy this time?");
        assertThat(channel.getInt("overall.respondents")).isEqualTo(4);
        assertThat(channel.getBoolean("overall.suppressed")).isFalse();
        assertThat(channel.getList("overall.options.option")).containsExactly("web", "shop", "phone", "app");
        assertThat(channel.getList("overall.options.count", Integer.class)).containsExactly(2, 1, 0, 1);
        assertThat(channel.getList("overall.options.percent", Float.class)).containsExactly(50.0f, 25.0f, 0.0f, 25.0f);
        assertThat(channel.getInt("bySegment.RELATIONAL.respondents")).isEqualTo(2);
        assertThat(channel.getList("bySegment.TRANSACTIONAL.options.count", Integer.class)).containsExactly(0, 1, 0, 1);
        assertThat(channel.getInt("byValueTier.A.respondents")).isEqualTo(4);
        JsonPath topics = choice(all, "topics");
        assertThat(topics.getString("type")).isEqualTo("MULTIPLE_CHOICE");
        assertThat(topics.getInt("overall.respondents")).isEqualTo(2);
        assertThat(topics.getList("overall.options.count", Integer.class)).containsExactly(2, 1, 0);
        assertThat(topics.getList("overall.options.percent", Float.class)).containsExactly(100.0f, 50.0f, 0.0f);
        assertThat(all.getList("textQuestions.key")).containsExactly("why");
        assertThat(all.getInt("textQuestions[0].answers")).isEqualTo(3);
        assertThat(all.getString("textQuestions[0].answersPath")).isEqualTo("/api/v1/surveys/" + id + "/questions/why/answers");
        assertThat(all.getInt("overall.responses")).isEqualTo(4);

        JsonPath first = given().queryParam("version", 1).get("/api/v1/surveys/" + id + "/results").then().statusCode(200)
                .body("version", equalTo(1)).body("overall.responses", equalTo(3)).body("responseRate.invited", equalTo(3))
                .body("choiceQuestions.key", contains("channel", "topics")).extract().jsonPath();
        assertThat(choice(first, "channel").getString("text")).isEqualTo("Where did you buy?");
        assertThat(choice(first, "channel").getList("overall.options.option")).containsExactly("web", "shop", "phone");
        assertThat(choice(first, "channel").getList("overall.options.count", Integer.class)).containsExactly(2, 1, 0);
        given().queryParam("version", 2).get("/api/v1/surveys/" + id + "/results").then().statusCode(200)
                .body("choiceQuestions.key", contains("channel")).body("choiceQuestions[0].overall.respondents", equalTo(1))
                .body("textQuestions[0].answers", equalTo(1));
        // The same report across surveys has no questions of its own.
        given().get("/api/v1/analytics/satisfaction").then().statusCode(200)
                .body("choiceQuestions", hasSize(0)).body("textQuestions", hasSize(0));
    }

    @Test
    void named_text_answers_are_paged_newest_first_with_who_answered() {
        String id = Fixtures.publish("{\"title\":\"Results\",\"questions\":" + V1 + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        Answered late = answer("RELATIONAL", "{\"channel\":\"web\",\"why\":\"Late parcel\"}");
        answer("RELATIONAL", "{\"channel\":\"web\",\"why\":\"   \"}");
        answer("RELATIONAL", "{\"channel\":\"web\"}");
        Answered rude = answer("TRANSACTIONAL", "{\"channel\":\"shop\",\"why\":\"Rude clerk\"}");
        publishNewVersion(id, V2, false);
        Answered app = answer("TRANSACTIONAL", "{\"channel\":\"app\",\"why\":\"Great app\"}");

        String path = "/api/v1/surveys/" + id + "/questions/why/answers";
        given().get(path).then().statusCode(200)
                .body("items.text", contains("Great app", "Rude clerk", "Late parcel")).body("nextCursor", nullValue())
                .body("items[0].customerId", equalTo(app.customerId())).body("items[0].invitationId", equalTo(app.invitationId()))
                .body("items[0].responseId", equalTo(app.responseId())).body("items[0].surveyVersion", equalTo(2))
                .body("items[0].anonymous", equalTo(false)).body("items[0].submittedAt", notNullValue())
                .body("items[0].day", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("items[1].customerId", equalTo(rude.customerId())).body("items[2].customerId", equalTo(late.customerId()));

        Response firstPage = given().queryParam("limit", 2).get(path);
        firstPage.then().statusCode(200).body("items.text", contains("Great app", "Rude clerk")).body("nextCursor", notNullValue());
        given().queryParam("limit", 2).queryParam("cursor", firstPage.path("nextCursor").toString()).get(path)
                .then().statusCode(200).body("items.text", contains("Late parcel")).body("nextCursor", nullValue());
        given().queryParam("version", 1).get(path).then().statusCode(200).body("items.text", contains("Rude clerk", "Late parcel"));
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        given().queryParam("from", tomorrow).get(path).then().statusCode(200).body("items", hasSize(0));
        given().queryParam("to", tomorrow).get(path).then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void anonymous_results_suppress_small_groups_and_text_answers_name_nobody() {
        String id = Fixtures.publish("{\"title\":\"Results\",\"anonymous\":true,\"questions\":" + V1
                + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        List<Answered> answered = new ArrayList<>();
        answered.add(answer("RELATIONAL", "{\"channel\":\"web\",\"why\":\"Slow checkout\"}"));
        answered.add(answer("RELATIONAL", "{\"channel\":\"shop\",\"why\":\"Kind staff\"}"));

        // Two respondents: fewer than crm.survey.results.minimum-group (5), nothing shown but the options.
        JsonPath two = given().get("/api/v1/surveys/" + id + "/results").then().statusCode(200).extract().jsonPath();
        JsonPath channel = choice(two, "channel");
        assertThat(channel.getBoolean("overall.suppressed")).isTrue();
        assertThat(channel.getString("overall.respondents")).isNull();
        assertThat(channel.getList("overall.options.option")).containsExactly("web", "shop", "phone");
        assertThat(channel.getList("overall.options.count")).containsOnlyNulls();
        assertThat(channel.getList("overall.options.percent")).containsOnlyNulls();
        assertThat(channel.getBoolean("bySegment.RELATIONAL.suppressed")).isTrue();
        // A narrowing filter is a group too.
        given().queryParam("version", 1).get("/api/v1/surveys/" + id + "/results").then().statusCode(200)
                .body("choiceQuestions[0].overall.suppressed", equalTo(true));

        String path = "/api/v1/surveys/" + id + "/questions/why/answers";
        Response page = given().queryParam("limit", 1).get(path);
        page.then().statusCode(200).body("items", hasSize(1)).body("items[0].anonymous", equalTo(true))
                .body("items[0].day", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("items[0].surveyVersion", equalTo(1))
                .body("items[0].submittedAt", nullValue()).body("items[0].customerId", nullValue())
                .body("items[0].invitationId", nullValue()).body("items[0].responseId", nullValue());
        // The cursor a client can decode holds the day and a random ref: no exact time, no response.
        String cursor = new String(Base64.getUrlDecoder().decode(page.path("nextCursor").toString()), StandardCharsets.UTF_8);
        assertThat(cursor).startsWith(LocalDate.now(ZoneOffset.UTC) + "T00:00Z");
        Response rest = given().queryParam("limit", 1).queryParam("cursor", page.path("nextCursor").toString()).get(path);
        rest.then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        assertThat(List.of(page.path("items[0].text").toString(), rest.path("items[0].text").toString()))
                .containsExactlyInAnyOrder("Slow checkout", "Kind staff");
        String everything = given().get(path).then().statusCode(200).body("items.anonymous", everyItem(equalTo(true)))
                .extract().asString() + cursor;
        for (Answered a : answered) {
            assertThat(everything).doesNotContain(a.customerId()).doesNotContain(a.invitationId()).doesNotContain(a.responseId());
        }

        // Six respondents: the total is shown; one TRANSACTIONAL respondent is hidden, and so is RELATIONAL,
        // or the total minus RELATIONAL would give the TRANSACTIONAL answer back.
        for (int i = 0; i < 3; i++) {
            answer("RELATIONAL", "{\"channel\":\"web\"}");
        }
        answer("TRANSACTIONAL", "{\"channel\":\"phone\"}");
        JsonPath six = given().get("/api/v1/surveys/" + id + "/results").then().statusCode(200).extract().jsonPath();
        JsonPath shown = choice(six, "channel");
        assertThat(shown.getBoolean("overall.suppressed")).isFalse();
        assertThat(shown.getInt("overall.respondents")).isEqualTo(6);
        assertThat(shown.getList("overall.options.count", Integer.class)).containsExactly(4, 1, 1);
        assertThat(shown.getBoolean("bySegment.TRANSACTIONAL.suppressed")).isTrue();
        assertThat(shown.getBoolean("bySegment.RELATIONAL.suppressed")).isTrue();
        assertThat(shown.getBoolean("byValueTier.A.suppressed")).isFalse();
        // topics: nobody answered it, nothing to hide.
        assertThat(choice(six, "topics").getInt("overall.respondents")).isZero();
    }

    @Test
    void bad_parameters_and_unknown_questions_are_problems() {
        String id = Fixtures.publish(Fixtures.survey("Results", V1, "[]"));
        String path = "/api/v1/surveys/" + id + "/questions/why/answers";
        given().queryParam("version", 9).get("/api/v1/surveys/" + id + "/results").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("version"));
        given().queryParam("version", "two").get("/api/v1/surveys/" + id + "/results").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("version", 9).get(path).then().statusCode(400).body("errors.field", contains("version"));
        given().queryParam("cursor", "not-a-cursor").get(path).then().statusCode(400).body("errors.field", contains("cursor"));
        given().queryParam("limit", 0).get(path).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("from", "2026-12-01").queryParam("to", "2026-11-01").get(path).then().statusCode(400)
                .body("errors.field", contains("from"));
        given().queryParam("from", "soon").get(path).then().statusCode(400).body("errors.field", contains("from"));
        given().get("/api/v1/surveys/" + id + "/questions/nothing/answers").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/surveys/" + id + "/questions/channel/answers").then().statusCode(404)
                .body("detail", containsString("/api/v1/surveys/" + id + "/results"));
        given().get("/api/v1/surveys/" + UUID.randomUUID() + "/questions/why/answers").then().statusCode(404)
                .contentType("application/problem+json");
        given().get(path).then().statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
    }
}
