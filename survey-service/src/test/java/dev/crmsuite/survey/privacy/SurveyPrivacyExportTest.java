package dev.crmsuite.survey.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** The survey part of a person's data export: everything held about them, nothing of their anonymous answers. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SurveyPrivacyExportTest {

    static final String EXPORT = "/api/v1/privacy/surveys/customers/%s/export";
    static final String QUESTIONS = """
            [{"key":"recommend","type":"NPS","text":"Would you recommend us?","required":true},
             {"key":"channel","type":"SINGLE_CHOICE","text":"Where did you buy?","options":["web","shop"]},
             {"key":"why","type":"FREE_TEXT","text":"Why?"}]""";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    static void answer(String token, String answers) {
        Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201);
    }

    static void sql(String statement) {
        try (Connection c = PostgresDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String staff() {
        return "Bearer " + InternalTokens.token("survey-service", "user:dpo", "staff", null, "dpo", List.of(Scopes.CUSTOMERS_READ));
    }

    @Test
    void a_customer_with_data_everywhere_gets_every_section_and_nothing_of_their_anonymous_answer() {
        String customer = Fixtures.registerCustomerSharing(true);
        // A named survey, answered.
        String named = Fixtures.publish("{\"title\":\"Named export\",\"anonymous\":false,\"questions\":" + QUESTIONS
                + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        Fixtures.purchase(customer, "20.00");
        String namedToken = (String) Fixtures.awaitInvitations(customer, 1).getFirst().get("token");
        Fixtures.retireAll();
        answer(namedToken, "{\"recommend\":3,\"channel\":\"shop\",\"why\":\"The named complaint text\"}");
        // Sent two months ago, so the contact budget lets the next survey through.
        sql("update invitation set created_at = created_at - interval '60 days', send_at = send_at - interval '60 days', "
                + "expires_at = expires_at - interval '60 days' where customer_id = '" + customer + "'");
        // An anonymous survey, answered; a second trigger in the budget period is skipped.
        String anonymous = Fixtures.publish("{\"title\":\"Anonymous export\",\"anonymous\":true,\"questions\":" + QUESTIONS
                + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        Fixtures.purchase(customer, "20.00");
        String anonymousToken = (String) Fixtures.awaitInvitations(customer, 2).getFirst().get("token");
        answer(anonymousToken, "{\"recommend\":10,\"channel\":\"web\",\"why\":\"The anonymous secret text\"}");
        Fixtures.purchase(customer, "20.00");
        Fixtures.awaitInvitations(customer, 3);
        Fixtures.retireAll();

        String body = given().header("Authorization", staff()).get(EXPORT.formatted(customer)).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString();
        JsonPath json = JsonPath.from(body);
        assertThat(json.getString("customerId")).isEqualTo(customer);
        assertThat(json.getString("generatedAt")).isNotNull();
        // No name or email: survey-service keeps only what its contact rules and breakdowns use.
        assertThat(json.getList("contactDetails.customerId")).containsExactly(customer);
        assertThat(json.getMap("contactDetails[0]")).doesNotContainKeys("displayName", "email");
        assertThat(json.getList("contactDetails.marketingConsent")).containsExactly(true);
        assertThat(json.getList("contactDetails.segment")).containsExactly("RELATIONAL");
        assertThat(json.getList("partnerConsents.partnerSharing")).containsExactly(true);

        List<Map<String, Object>> invitations = json.getList("invitations");
        assertThat(invitations).hasSize(3);
        assertThat(invitations.get(0)).containsEntry("surveyId", named).containsEntry("surveyTitle", "Named export")
                .containsEntry("anonymous", false).containsEntry("status", "ANSWERED").containsEntry("answered", true)
                .containsEntry("triggerEventType", "crm.purchase.recorded.v1").doesNotContainKey("token");
        assertThat(invitations.get(0).get("answeredAt")).isNotNull();
        List<Map<String, Object>> ofAnonymous = invitations.stream().filter(i -> anonymous.equals(i.get("surveyId"))).toList();
        assertThat(ofAnonymous).extracting(i -> i.get("status")).containsExactlyInAnyOrder("ANSWERED", "SKIPPED");
        Map<String, Object> answered = ofAnonymous.stream().filter(i -> "ANSWERED".equals(i.get("status"))).findFirst().orElseThrow();
        assertThat(answered).containsEntry("anonymous", true).containsEntry("answered", true);
        assertThat(answered.get("answeredAt")).as("an anonymous answer's time joins it to the response").isNull();
        Map<String, Object> skipped = ofAnonymous.stream().filter(i -> "SKIPPED".equals(i.get("status"))).findFirst().orElseThrow();
        assertThat(skipped).containsEntry("skipReason", "CONTACT_BUDGET_EXHAUSTED").containsEntry("answered", false);

        List<Map<String, Object>> responses = json.getList("responses");
        assertThat(responses).hasSize(1);
        assertThat(responses.getFirst()).containsEntry("surveyId", named).containsEntry("surveyVersion", 1)
                .containsEntry("invitationId", invitations.get(0).get("invitationId")).containsEntry("segment", "RELATIONAL");
        assertThat(json.getList("responses[0].answers.questionKey")).containsExactly("channel", "recommend", "why");
        assertThat(json.getList("responses[0].answers.score")).containsExactly(null, 3, null);
        assertThat(json.getList("responses[0].answers.choices")).containsExactly(List.of("shop"), null, null);
        assertThat(json.getList("responses[0].answers.text")).containsExactly(null, null, "The named complaint text");
        assertThat(body).doesNotContain("The anonymous secret text").doesNotContain(anonymousToken).doesNotContain(namedToken);
    }

    @Test
    void an_unknown_customer_gets_200_with_every_section_empty() {
        given().header("Authorization", staff()).get(EXPORT.formatted(UUID.randomUUID())).then().statusCode(200)
                .body("contactDetails", empty()).body("partnerConsents", empty()).body("invitations", empty())
                .body("responses", empty());
        given().header("Authorization", staff()).get(EXPORT.formatted("not-a-uuid")).then().statusCode(404);
    }

    @Test
    void staff_holding_customers_read_may_export_partners_never() {
        String path = EXPORT.formatted(UUID.randomUUID());
        given().header("Authorization", InternalTokens.NO_TOKEN).get(path).then().statusCode(401);
        given().header("Authorization", "Bearer " + InternalTokens.partner("survey-service", "p-export", Scopes.CUSTOMERS_READ))
                .get(path).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + InternalTokens.token("survey-service", "user:surveys", "staff", null, "surveys",
                List.of(Scopes.SURVEYS_READ, Scopes.SURVEYS_WRITE))).get(path).then().statusCode(403);
        given().header("Authorization", staff()).get(path).then().statusCode(200);
        given().header("Authorization", "Bearer " + InternalTokens.admin("survey-service")).get(path).then().statusCode(200);
    }

    @Test
    void the_export_is_documented_with_a_typed_schema() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        JsonNode op = doc.at("/paths/~1api~1v1~1privacy~1surveys~1customers~1{customerId}~1export/get");
        assertThat(op.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/SurveyPrivacyExport");
        assertThat(op.path("tags").toString()).contains("Privacy");
        List<String> untyped = new ArrayList<>();
        collectUntyped(doc, doc.at("/components/schemas/SurveyPrivacyExport"), "SurveyPrivacyExport", untyped, new ArrayList<>());
        assertThat(untyped).as("objects without properties in the export's schema").isEmpty();
        assertThat(doc.at("/components/schemas/SurveyPrivacyExport/required").toString())
                .contains("customerId", "generatedAt", "contactDetails", "partnerConsents", "invitations", "responses");
        assertThat(doc.at("/components/schemas/SurveyPrivacyContact/properties").has("email")).isFalse();
        assertThat(doc.at("/components/schemas/SurveyPrivacyContact/properties").has("displayName")).isFalse();
        assertThat(doc.at("/components/schemas/SurveyPrivacyContact/properties").has("marketingConsent")).isTrue();
    }

    private static void collectUntyped(JsonNode doc, JsonNode schema, String where, List<String> untyped, List<String> seen) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!seen.contains(ref)) {
                seen.add(ref);
                collectUntyped(doc, doc.at(ref.substring(1)), ref, untyped, seen);
            }
            return;
        }
        if ("object".equals(schema.path("type").asText()) && !schema.has("properties")) {
            untyped.add(where);
        }
        schema.path("properties").properties().forEach(p -> collectUntyped(doc, p.getValue(), where + "." + p.getKey(), untyped, seen));
        if (schema.has("items")) {
            collectUntyped(doc, schema.get("items"), where + "[]", untyped, seen);
        }
        schema.path("allOf").forEach(s -> collectUntyped(doc, s, where, untyped, seen));
        schema.path("oneOf").forEach(s -> collectUntyped(doc, s, where, untyped, seen));
    }
}
