package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every operation of the API is documented: id, summary, description, and problem+json errors. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void every_operation_has_an_id_a_summary_a_description_and_documented_errors() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                JsonNode o = op.getValue();
                String name = op.getKey() + " " + path.getKey();
                if (!o.hasNonNull("operationId") || !o.hasNonNull("summary") || !o.hasNonNull("description")) {
                    problems.add(name + ": operationId, summary and description");
                }
                boolean documentedError = false;
                for (Map.Entry<String, JsonNode> response : o.path("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        documentedError |= response.getValue().path("content").has("application/problem+json");
                    }
                }
                if (!documentedError) {
                    problems.add(name + ": no problem+json error response");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(25);
        assertThat(problems).isEmpty();
    }

    @Test
    void a_merge_patch_is_documented_as_partial_and_attributes_as_an_object() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        // The one rule for partial updates: a merge patch, as application/merge-patch+json or application/json.
        for (String mediaType : List.of("application~1merge-patch+json", "application~1json")) {
            JsonNode body = doc.at("/paths/~1api~1v1~1customers~1{id}/patch/requestBody/content/" + mediaType + "/schema");
            assertThat(body.path("$ref").asText()).as(mediaType).isEqualTo("#/components/schemas/CustomerProfilePatch");
        }
        assertThat(doc.at("/paths/~1api~1v1~1customers~1{id}/patch/responses/415/content").has("application/problem+json")).isTrue();
        JsonNode patch = doc.at("/components/schemas/CustomerProfilePatch");
        JsonNode profile = doc.at("/components/schemas/CustomerProfile");
        assertThat(profile.path("required").toString()).contains("name"); // a create still needs a name
        assertThat(patch.has("required")).isFalse();
        List<String> patchFields = new ArrayList<>();
        patch.path("properties").fieldNames().forEachRemaining(patchFields::add);
        List<String> profileFields = new ArrayList<>();
        profile.path("properties").fieldNames().forEachRemaining(profileFields::add);
        assertThat(patchFields).isEqualTo(profileFields);
        // A free-form object, optional so also null (the platform's OptionalMeansNullable): no properties of
        // its own, in particular none of the JsonNode Java type's getters (empty, nodeType, ...).
        JsonNode attributes = profile.at("/properties/attributes");
        assertThat(attributes.path("type").toString()).isEqualTo("[\"object\",\"null\"]");
        assertThat(attributes.path("additionalProperties").asBoolean()).isTrue();
        assertThat(attributes.has("$ref") || attributes.has("anyOf") || attributes.has("properties") || attributes.has("items")).isFalse();
        assertThat(doc.at("/components/schemas").has("JsonNode")).isFalse();
        // The tag rule is in words: the Java pattern (Unicode classes) would be misread by JSON Schema tools.
        assertThat(profile.at("/properties/tags/items").has("pattern")).isFalse();
        assertThat(profile.at("/properties/tags/items/description").asText()).contains("Letters, digits");
        assertThat(doc.at("/info/contact/name").asText()).isNotBlank();
        assertThat(doc.path("servers").size()).isPositive();
        assertThat(doc.at("/components/schemas").has("Page")).isFalse();
    }

    static JsonNode document() {
        return TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        return schema.has("$ref") ? doc.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    @Test
    void every_background_run_documents_prefer_and_the_202s_location_and_preference_applied() {
        JsonNode doc = document();
        for (String pointer : List.of("/paths/~1api~1v1~1value-tiers~1recompute/post", "/paths/~1api~1v1~1analytics~1backtests~1risk/get",
                "/paths/~1api~1v1~1analytics~1backtests~1suggestions/get")) {
            JsonNode op = doc.at(pointer);
            JsonNode prefer = null;
            for (JsonNode p : op.path("parameters")) {
                if (p.path("in").asText().equals("header") && p.path("name").asText().equals("Prefer")) {
                    prefer = p;
                }
            }
            assertThat(prefer).as(pointer + " Prefer").isNotNull();
            assertThat(prefer.path("description").asText()).as(pointer).startsWith("respond-async: answer 202 at once");
            assertThat(op.at("/responses/202/headers").has("Location")).as(pointer).isTrue();
            assertThat(op.at("/responses/202/headers").has("Preference-Applied")).as(pointer).isTrue();
            assertThat(op.at("/responses/202/content/application~1json/schema/$ref").asText()).as(pointer).endsWith("Run");
        }
    }

    @Test
    void every_operation_answering_428_declares_a_required_described_if_match() {
        JsonNode doc = document();
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!op.getValue().path("responses").has("428")) {
                    continue;
                }
                String name = op.getKey() + " " + path.getKey();
                checked.add(name);
                JsonNode ifMatch = null;
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if ("header".equals(parameter.path("in").asText()) && "If-Match".equalsIgnoreCase(parameter.path("name").asText())) {
                        ifMatch = parameter;
                    }
                }
                if (ifMatch == null || !ifMatch.path("required").asBoolean() || ifMatch.path("description").asText().isBlank()) {
                    problems.add(name + ": If-Match " + ifMatch);
                }
                if (!op.getValue().path("responses").path("428").path("content").has("application/problem+json")) {
                    problems.add(name + ": 428 is not documented as problem+json");
                }
            }
        }
        assertThat(checked).contains("patch /api/v1/customers/{id}");
        assertThat(problems).isEmpty();
    }

    @Test
    void every_list_is_a_page_of_items_and_next_cursor_never_a_bare_array_with_a_link_header() {
        JsonNode doc = document();
        List<String> pages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getKey() + " " + path.getKey();
                for (Map.Entry<String, JsonNode> response : op.getValue().path("responses").properties()) {
                    if (response.getValue().path("headers").has("Link")) {
                        problems.add(name + " " + response.getKey() + ": documents a Link header");
                    }
                    JsonNode schema = resolve(doc, response.getValue().path("content").path("application/json").path("schema"));
                    if (schema.path("type").toString().contains("array")) {
                        problems.add(name + " " + response.getKey() + ": answers a bare array");
                    }
                    if (schema.path("properties").has("items") && schema.path("properties").has("nextCursor")) {
                        pages.add(name);
                    }
                }
            }
        }
        // customers, history, timeline, purchases, refunds, touchpoints, a customer's follow-ups, the follow-up list.
        assertThat(pages).hasSizeGreaterThanOrEqualTo(8);
        assertThat(problems).isEmpty();
    }
}
