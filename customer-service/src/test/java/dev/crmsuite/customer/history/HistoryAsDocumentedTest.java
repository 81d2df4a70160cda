package dev.crmsuite.customer.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 24: a history answer holds old and new values of every JSON type the fields have
 * (strings, booleans, arrays, objects, null), and it validates against the schema the document
 * gives for it, so a generated client can read it.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class HistoryAsDocumentedTest {

    /** The 200 answer's schema of {@code operation} at {@code path}, as JSON Schema 2020-12 with the document's components. */
    static Schema documentedAnswer(String path, String method) {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString()
                .replace("\"#/components/schemas/", "\"#/$defs/");
        JsonNode doc = TopicRecords.parse(json);
        ObjectNode schema = ((ObjectNode) doc.path("paths").path(path).path(method).path("responses").path("200").path("content")
                .path("application/json").path("schema")).deepCopy();
        assertThat(schema.isEmpty()).as("%s %s documents its 200 answer", method, path).isFalse();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("$defs", doc.path("components").path("schemas"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
    }

    @Test
    void history_answers_with_values_of_every_json_type_validate_against_the_documented_schema() {
        String id = Api.register("{\"name\":\"" + Api.unique("History") + "\",\"email\":\"" + Api.email()
                + "\",\"accountManager\":\"zhang.min\",\"consents\":{\"marketing\":true}}");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"accountManager\":\"wang.fang\",\"consents\":{\"marketing\":false},\"tags\":[\"vip\",\"golf\"],"
                        + "\"address\":{\"line1\":\"88 Century Avenue\",\"city\":\"Shanghai\",\"country\":\"CN\"},\"givenName\":\"Wei\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(200);

        String answer = given().queryParam("limit", 200).get("/api/v1/customers/" + id + "/history").then().statusCode(200)
                .extract().asString();
        JsonNode body = TopicRecords.parse(answer);
        Set<String> types = new TreeSet<>();
        body.path("items").forEach(change -> {
            types.add(change.path("oldValue").getNodeType().name());
            types.add(change.path("newValue").getNodeType().name());
        });
        assertThat(types).contains("STRING", "BOOLEAN", "ARRAY", "OBJECT", "NULL");

        List<String> violations = new ArrayList<>();
        documentedAnswer("/api/v1/customers/{id}/history", "get").validate(body)
                .forEach(e -> violations.add(e.getInstanceLocation() + ": " + e.getMessage()));
        assertThat(violations).as("the history answer against its documented schema:\n%s", answer).isEmpty();
    }

    @Test
    void change_values_are_documented_as_any_json_value() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().extract().asString());
        for (String value : List.of("oldValue", "newValue")) {
            JsonNode schema = doc.at("/components/schemas/Change/properties/" + value);
            // No type, no reference, no composition: a plain "any value" that generated clients map to Object / any.
            assertThat(schema.has("type")).isFalse();
            assertThat(schema.has("$ref")).isFalse();
            assertThat(schema.has("anyOf") || schema.has("oneOf") || schema.has("allOf")).isFalse();
            assertThat(schema.path("description").asText()).contains("any type");
        }
    }
}
