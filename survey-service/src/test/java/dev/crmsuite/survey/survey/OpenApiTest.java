package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.restassured.http.ContentType;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every operation is in the OpenAPI document under its operationId, with its problem responses and its permission. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    /** The only operations anyone may call without a scope: a customer answering by the secret token of their link. */
    private static final Set<String> PUBLIC = Set.of("openSurveyInvitation", "submitSurveyResponse");

    @Test
    void documents_every_operation() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        for (String operation : new String[]{"createSurvey", "listSurveys", "getSurvey", "updateSurveyDraft", "publishSurvey",
                "getSurveyVersion", "getSurveyResults", "listSurveyTextAnswers", "listSurveyInvitations", "openSurveyInvitation",
                "submitSurveyResponse", "getSatisfaction"}) {
            assertThat(doc).contains("\"operationId\" : \"" + operation + "\"");
        }
        assertThat(doc).contains("application/problem+json").contains("\"/api/v1/survey-invitations/{token}/responses\"");
    }

    @Test
    void every_operation_but_the_public_ones_declares_its_permission() {
        // The document is documentation: it is served without credentials.
        JsonNode doc = TopicRecords.parse(given().header("Authorization", InternalTokens.NO_TOKEN).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> undeclared = new ArrayList<>();
        List<String> publicSeen = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> {
            assertThat(path.getKey()).startsWith("/api/v1/");
            path.getValue().properties().stream()
                    .filter(op -> List.of("get", "post", "put", "patch", "delete").contains(op.getKey()))
                    .forEach(op -> {
                        String id = op.getValue().path("operationId").asText();
                        JsonNode security = op.getValue().path("security");
                        if (PUBLIC.contains(id)) {
                            publicSeen.add(id);
                            assertThat(security.isMissingNode() || security.isEmpty()).as(id + " is public").isTrue();
                            return;
                        }
                        if (security.isEmpty() || security.get(0).path("InternalToken").isEmpty()) {
                            undeclared.add(op.getKey().toUpperCase() + " " + path.getKey());
                            return;
                        }
                        assertThat(security.get(0).get("InternalToken").get(0).asText()).as(id)
                                .matches(id.equals("exportSurveyPersonalData") ? "customers:read" : "surveys:(read|write)");
                        for (String status : new String[]{"401", "403"}) {
                            assertThat(op.getValue().path("responses").path(status).path("content").has("application/problem+json"))
                                    .as(id + " documents " + status).isTrue();
                        }
                    });
        });
        assertThat(undeclared).as("operations without a declared permission").isEmpty();
        assertThat(publicSeen).containsExactlyInAnyOrderElementsOf(PUBLIC);
        assertThat(doc.path("components").path("securitySchemes").has("InternalToken")).isTrue();
    }

    private static JsonNode document() {
        return TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }

    /** Each operation of the document as "METHOD path" with its node. */
    private static java.util.Map<String, JsonNode> operations(JsonNode doc) {
        java.util.Map<String, JsonNode> out = new java.util.TreeMap<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(op -> List.of("get", "post", "put", "patch", "delete").contains(op.getKey()))
                .forEach(op -> out.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
        return out;
    }

    /** Issue 16 item 24: where 428 is the answer without If-Match, the header is declared and explained. */
    @Test
    void every_operation_answering_428_declares_if_match_with_a_description() {
        java.util.Map<String, JsonNode> operations = operations(document());
        List<String> with428 = new ArrayList<>();
        operations.forEach((name, op) -> {
            JsonNode ifMatch = null;
            for (JsonNode p : op.path("parameters")) {
                if ("header".equals(p.path("in").asText()) && "If-Match".equalsIgnoreCase(p.path("name").asText())) {
                    ifMatch = p;
                }
            }
            boolean answers428 = op.path("responses").has("428");
            if (answers428) {
                with428.add(name);
                assertThat(ifMatch).as(name + " answers 428 and so declares If-Match").isNotNull();
                assertThat(ifMatch.path("description").asText()).as(name + " explains If-Match").isNotBlank();
                assertThat(ifMatch.path("required").asBoolean()).as(name + " requires If-Match (platform filter)").isTrue();
                assertThat(op.path("responses").path("428").path("content").has("application/problem+json")).as(name).isTrue();
            }
            if (ifMatch != null) {
                assertThat(answers428).as(name + " declares If-Match, so it documents the 428 of a missing one").isTrue();
                assertThat(op.path("responses").has("412")).as(name + " documents the 412 of a stale one").isTrue();
            }
        });
        // The survey draft is the one resource edited under optimistic locking.
        assertThat(with428).containsExactly("PUT /api/v1/surveys/{id}");
        given().contentType(ContentType.JSON).body(Fixtures.survey("If-Match", Fixtures.NPS_SURVEY_QUESTIONS, "[]"))
                .put("/api/v1/surveys/" + given().contentType(ContentType.JSON)
                        .body(Fixtures.survey("If-Match", Fixtures.NPS_SURVEY_QUESTIONS, "[]")).post("/api/v1/surveys")
                        .then().statusCode(201).extract().path("id"))
                .then().statusCode(428).contentType("application/problem+json");
    }

    /**
     * Issue 16 item 27: every list answers one shape, {items, nextCursor}, documented with the type of its
     * items (a generated client gets typed items) and without a Link header; and so it answers.
     */
    @Test
    void every_list_is_a_page_of_typed_items() {
        JsonNode doc = document();
        List<String> lists = new ArrayList<>();
        operations(doc).forEach((name, op) -> {
            if (!name.startsWith("GET ") || !op.path("operationId").asText().startsWith("list")) {
                return;
            }
            lists.add(op.path("operationId").asText());
            JsonNode ok = op.path("responses").path("200");
            assertThat(ok.path("headers").has("Link")).as(name + " has no Link header").isFalse();
            JsonNode schema = ok.path("content").path("application/json").path("schema");
            String ref = schema.path("$ref").asText();
            assertThat(ref).as(name + " answers a named page schema").startsWith("#/components/schemas/");
            JsonNode page = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(page.path("type").asText()).as(name).isEqualTo("object");
            assertThat(page.path("properties").has("nextCursor")).as(name + " has nextCursor").isTrue();
            JsonNode items = page.path("properties").path("items");
            assertThat(items.path("type").toString()).as(name + " items is an array").contains("array");
            assertThat(items.path("items").path("$ref").asText()).as(name + " names the type of its items")
                    .startsWith("#/components/schemas/");
            assertThat(page.path("required").toString()).as(name + " always has items").contains("\"items\"");
        });
        assertThat(lists).containsExactlyInAnyOrder("listSurveys", "listSurveyInvitations", "listSurveyTextAnswers");
        for (String path : new String[]{"/api/v1/surveys", "/api/v1/survey-invitations"}) {
            io.restassured.response.Response answer = given().queryParam("limit", 1).get(path);
            answer.then().statusCode(200).header("Link", org.hamcrest.Matchers.nullValue());
            JsonNode body = TopicRecords.parse(answer.asString());
            assertThat(body.isObject()).as(path).isTrue();
            assertThat(body.path("items").isArray()).as(path).isTrue();
            assertThat(body.has("nextCursor")).as(path).isTrue();
        }
    }
}
