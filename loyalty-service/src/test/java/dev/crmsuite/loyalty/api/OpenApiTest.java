package dev.crmsuite.loyalty.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every loyalty operation is documented: operationId, summary, description, its errors as problem+json,
 * and the permission it declares (its security requirement on the internal token, with 401 and 403).
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Operations anyone may call without a scope. Loyalty has none: every one names its scope. */
    static final Set<String> PUBLIC = Set.of();

    static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void every_operation_declares_its_permission() throws Exception {
        JsonNode doc = document();
        List<String> gaps = new ArrayList<>();
        int checked = 0;
        var paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            var ops = path.getValue().fields();
            while (ops.hasNext()) {
                var op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                checked++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode security = op.getValue().path("security");
                if (PUBLIC.contains(name)) {
                    continue;
                }
                if (!security.isArray() || security.isEmpty()) {
                    gaps.add(name + " declares no permission");
                    continue;
                }
                JsonNode scopes = security.get(0).path("InternalToken");
                if (!scopes.isArray() || scopes.size() != 1 || !Scopes.ALL.contains(scopes.get(0).asText())) {
                    gaps.add(name + " names no single known scope: " + security);
                }
                for (String status : List.of("401", "403")) {
                    if (!op.getValue().path("responses").path(status).path("content").has("application/problem+json")) {
                        gaps.add(name + " does not document " + status + " as problem+json");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(gaps).isEmpty();
        assertThat(doc.path("components").path("securitySchemes").has("InternalToken")).isTrue();
    }

    @Test
    void every_operation_is_documented_with_its_problems() throws Exception {
        JsonNode doc = document();
        List<String> gaps = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/v1/loyalty")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode o = op.getValue();
                for (String field : List.of("operationId", "summary", "description")) {
                    if (!o.hasNonNull(field)) {
                        gaps.add(name + " has no " + field);
                    }
                }
                boolean documentsProblem = false;
                var responses = o.path("responses").fields();
                while (responses.hasNext()) {
                    var response = responses.next();
                    if (response.getKey().startsWith("4") && response.getValue().path("content").has("application/problem+json")) {
                        documentsProblem = true;
                    }
                }
                if (!documentsProblem && !name.equals("GET /api/v1/loyalty/rules") && !name.equals("GET /api/v1/loyalty/tiers")) {
                    gaps.add(name + " documents no problem+json error");
                }
            });
        });
        assertThat(operations).contains("POST /api/v1/loyalty/accounts/{customerId}/redemptions", "POST /api/v1/loyalty/rules/backtest",
                "GET /api/v1/loyalty/analytics", "POST /api/v1/loyalty/vouchers/{code}/redemption");
        assertThat(gaps).isEmpty();
    }

    /** Issue 20: the EVENT_ATTENDANCE earning rule is an optional, bounded part of every rule version (additive). */
    @Test
    void the_event_attendance_rule_is_documented_with_its_bounds() throws Exception {
        JsonNode doc = document();
        JsonNode rules = doc.at("/components/schemas/RuleDefinition");
        assertThat(rules.path("properties").has("eventAttendance")).isTrue();
        assertThat(rules.path("required").toString()).doesNotContain("eventAttendance");
        JsonNode rule = doc.at("/components/schemas/EventAttendanceRule");
        assertThat(rule.path("description").asText()).contains("EVENT_ATTENDANCE");
        JsonNode points = rule.path("properties").path("pointsPerEvent");
        assertThat(points.path("minimum").asLong()).isEqualTo(1);
        assertThat(points.path("maximum").asLong()).isEqualTo(100_000);
        assertThat(points.path("description").asText()).isNotBlank();
        assertThat(rule.path("required").toString()).contains("pointsPerEvent");
    }

    /** Every operation of this service, as "METHOD path" with its operation object. */
    static java.util.Map<String, JsonNode> operations(JsonNode doc) {
        java.util.Map<String, JsonNode> out = new java.util.TreeMap<>();
        doc.get("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/v1/loyalty")) {
                path.getValue().properties().forEach(op -> {
                    if (METHODS.contains(op.getKey())) {
                        out.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                    }
                });
            }
        });
        return out;
    }

    /** type "array", or (OpenAPI 3.1) a type list naming it. */
    static boolean isArray(JsonNode schema) {
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

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : doc.at(ref.substring(1));
    }

    /**
     * Issue 16 item 27: one list shape. Every paginated operation (it takes a cursor) answers {items, nextCursor}; none
     * answers a bare array or pages through a Link header (the rules versions did both).
     */
    @Test
    void every_list_answers_items_and_next_cursor() throws Exception {
        JsonNode doc = document();
        List<String> gaps = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        operations(doc).forEach((name, op) -> {
            JsonNode ok = op.path("responses").path("200");
            if (ok.path("headers").has("Link")) {
                gaps.add(name + " documents a Link header");
            }
            JsonNode schema = resolve(doc, ok.path("content").path("application/json").path("schema"));
            if (isArray(schema)) {
                gaps.add(name + " answers a bare array");
            }
            boolean paginated = false;
            for (JsonNode parameter : op.path("parameters")) {
                paginated |= "cursor".equals(parameter.path("name").asText()) && "query".equals(parameter.path("in").asText());
            }
            if (paginated) {
                lists.add(name);
                if (!isArray(resolve(doc, schema.path("properties").path("items")))
                        || !schema.path("properties").has("nextCursor")) {
                    gaps.add(name + " is paginated but does not answer {items, nextCursor}: " + schema);
                }
            }
        });
        assertThat(lists).contains("GET /api/v1/loyalty/rules", "GET /api/v1/loyalty/rewards",
                "GET /api/v1/loyalty/accounts/{customerId}/goodwill", "GET /api/v1/loyalty/accounts/{customerId}/ledger");
        assertThat(gaps).isEmpty();
    }

    /**
     * Issue 16 item 24: an operation that answers 428 without If-Match documents the 428 and declares If-Match, required
     * and described (the platform marks it required wherever 428 is documented).
     */
    @Test
    void every_operation_answering_428_declares_a_required_described_if_match() throws Exception {
        JsonNode doc = document();
        List<String> gaps = new ArrayList<>();
        List<String> guarded = new ArrayList<>();
        operations(doc).forEach((name, op) -> {
            JsonNode ifMatch = null;
            for (JsonNode parameter : op.path("parameters")) {
                if ("header".equals(parameter.path("in").asText()) && "If-Match".equalsIgnoreCase(parameter.path("name").asText())) {
                    ifMatch = parameter;
                }
            }
            boolean documents428 = op.path("responses").has("428");
            if (ifMatch == null && !documents428) {
                return;
            }
            guarded.add(name);
            if (!documents428 || !op.path("responses").path("428").path("content").has("application/problem+json")) {
                gaps.add(name + " takes If-Match but does not document 428 as problem+json");
            }
            if (ifMatch == null) {
                gaps.add(name + " documents 428 but declares no If-Match header");
            } else {
                if (!ifMatch.path("required").asBoolean(false)) {
                    gaps.add(name + " documents If-Match as optional");
                }
                if (ifMatch.path("description").asText("").isBlank()) {
                    gaps.add(name + " does not describe If-Match");
                }
            }
        });
        // Changing a reward is the loyalty operation guarded by If-Match (rewards change under redemptions).
        assertThat(guarded).contains("PATCH /api/v1/loyalty/rewards/{rewardId}");
        assertThat(gaps).isEmpty();
    }

    /** Issue 16 item 26: every PATCH is a JSON Merge Patch, documented under both media types it accepts. */
    @Test
    void every_patch_documents_merge_patch_and_json() throws Exception {
        JsonNode doc = document();
        List<String> gaps = new ArrayList<>();
        List<String> patches = new ArrayList<>();
        operations(doc).forEach((name, op) -> {
            if (!name.startsWith("PATCH ")) {
                return;
            }
            patches.add(name);
            JsonNode content = op.path("requestBody").path("content");
            for (String type : List.of("application/merge-patch+json", "application/json")) {
                if (!content.path(type).path("schema").isObject()) {
                    gaps.add(name + " does not document a body as " + type);
                }
            }
            if (!op.path("responses").path("415").path("content").has("application/problem+json")) {
                gaps.add(name + " does not document 415");
            }
        });
        assertThat(patches).contains("PATCH /api/v1/loyalty/rewards/{rewardId}");
        assertThat(gaps).isEmpty();
    }
}
