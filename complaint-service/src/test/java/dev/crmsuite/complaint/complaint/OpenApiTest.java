package dev.crmsuite.complaint.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** The OpenAPI document names every complaint operation, documents its problems and its permission. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    /** Operations anyone may call (with the gateway's anonymous token): complaint-service has none. */
    static final Set<String> PUBLIC = Set.of();
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void every_operation_is_documented() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        doc.body("paths.'/api/v1/complaints'.post.operationId", org.hamcrest.Matchers.equalTo("fileComplaint"))
                .body("paths.'/api/v1/complaints'.post.responses", hasKey("400"))
                .body("paths.'/api/v1/complaints/{id}/resolution'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/complaints/{id}/acknowledge'.post.operationId", notNullValue())
                .body("paths.'/api/v1/complaints/stats'.get.operationId", org.hamcrest.Matchers.equalTo("complaintStats"))
                .body("paths.'/api/v1/complaints/unknown-customers'.get.operationId", notNullValue())
                .body("paths.'/api/v1/complaints/{id}/escalation'.post.operationId", org.hamcrest.Matchers.equalTo("escalateComplaint"))
                .body("paths.'/api/v1/complaints/{id}/escalation'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/complaints/{id}/escalation'.post.responses", hasKey("400"))
                .body("paths.'/api/v1/complaints/{id}/escalation'.post.responses.'409'.content", hasKey("application/problem+json"))
                .body("components.schemas.ManualEscalation.required", org.hamcrest.Matchers.hasItem("reason"))
                .body("components.schemas", hasKey("Problem"));
    }

    /**
     * Every /api/v1 operation declares the scope it needs as its security requirement on the internal
     * token, with the 401 and 403 problems it may answer; reads need complaints:read, anything else
     * complaints:write. Only the allow-listed public operations may declare nothing.
     */
    @Test
    void every_operation_declares_its_permission() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        assertThat(doc.path("components").path("securitySchemes").has("InternalToken")).isTrue();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!path.getKey().startsWith("/api/v1") || !METHODS.contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            seen.add(name);
            JsonNode security = op.getValue().path("security");
            JsonNode scopes = security.path(0).path("InternalToken");
            if (!scopes.isArray() || scopes.isEmpty()) {
                if (!PUBLIC.contains(name)) {
                    problems.add(name + " declares no permission");
                }
                return;
            }
            // The personal data export is the customer's data, not complaint work: it needs customers:read (issue 17 item 1).
            String needed = path.getKey().startsWith("/api/v1/privacy/") ? Scopes.CUSTOMERS_READ
                    : op.getKey().equals("get") ? Scopes.COMPLAINTS_READ : Scopes.COMPLAINTS_WRITE;
            if (scopes.size() != 1 || !needed.equals(scopes.get(0).asText())) {
                problems.add(name + " needs " + scopes + ", expected [" + needed + "]");
            }
            for (String status : List.of("401", "403")) {
                if (!op.getValue().path("responses").path(status).path("content").has("application/problem+json")) {
                    problems.add(name + " does not document its " + status + " problem");
                }
            }
        }));
        assertThat(seen).hasSize(24);
        assertThat(problems).isEmpty();
    }

    /**
     * One list shape (issue 16 item 27): every list answers {items, nextCursor}; no operation answers
     * a bare array or documents the retired Link header.
     */
    @Test
    void every_list_answers_the_one_page_shape() {
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            op.getValue().path("responses").fields().forEachRemaining(response -> {
                if (response.getValue().path("headers").has("Link")) {
                    problems.add(name + " " + response.getKey() + " documents a Link header");
                }
                JsonNode schema = resolve(doc, response.getValue().path("content").path("application/json").path("schema"));
                if (isArray(schema)) {
                    problems.add(name + " " + response.getKey() + " answers a bare array");
                }
                if (schema.path("properties").has("items")) {
                    pages.add(name);
                    if (!isArray(resolve(doc, schema.path("properties").path("items"))) || !schema.path("properties").has("nextCursor")) {
                        problems.add(name + " is not {items: [...], nextCursor}: " + schema);
                    }
                }
            });
        }));
        assertThat(problems).isEmpty();
        assertThat(pages).contains("GET /api/v1/complaints", "GET /api/v1/complaints/unknown-customers",
                "GET /api/v1/complaints/{id}/assignments", "GET /api/v1/complaints/{id}/pauses",
                "GET /api/v1/complaints/{id}/comments", "GET /api/v1/complaints/{id}/tags", "GET /api/v1/complaints/{id}/audit",
                "GET /api/v1/escalations");
    }

    /**
     * The audit's oldValue/newValue are documented as what they are (issue 16 item 24): text or null
     * (every value, a status, a time, a number, is recorded as its text), never object.
     */
    @Test
    void audit_values_are_documented_as_the_text_they_are() {
        JsonNode doc = document();
        JsonNode page = resolve(doc, doc.path("paths").path("/api/v1/complaints/{id}/audit").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema"));
        JsonNode entry = resolve(doc, page.path("properties").path("items").path("items"));
        for (String field : List.of("oldValue", "newValue")) {
            JsonNode value = entry.path("properties").path(field);
            assertThat(value.toString()).as(field).contains("string").doesNotContain("object");
            assertThat(value.toString()).as(field + " may be null").contains("null");
        }
    }

    /**
     * If-Match as the platform documents it (issue 16 item 24): an operation that reads If-Match documents the 412 of a
     * stale one, and one that documents 428 requires it.
     */
    @Test
    void every_if_match_is_documented_with_its_answers() {
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode ifMatch = null;
            for (JsonNode parameter : op.getValue().path("parameters")) {
                if ("If-Match".equalsIgnoreCase(parameter.path("name").asText()) && "header".equals(parameter.path("in").asText())) {
                    ifMatch = parameter;
                }
            }
            JsonNode responses = op.getValue().path("responses");
            if (ifMatch != null && !responses.has("412")) {
                problems.add(name + " reads If-Match but does not document 412");
            }
            if (responses.has("428") && (ifMatch == null || !ifMatch.path("required").asBoolean(false))) {
                problems.add(name + " answers 428 but does not require If-Match");
            }
        }));
        assertThat(problems).isEmpty();
    }

    private static JsonNode document() {
        return TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    /** type: array, or (OpenAPI 3.1) a type list holding array. */
    private static boolean isArray(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("array".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "array".equals(type.asText());
    }

    /** The schema itself, following a $ref into components. */
    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? doc.path("components").path("schemas").path(ref.substring(21)) : schema;
    }
}
