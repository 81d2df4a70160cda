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
        JsonNode body = doc.at("/paths/~1api~1v1~1customers~1{id}/patch/requestBody/content/application~1merge-patch+json/schema");
        assertThat(body.path("$ref").asText()).isEqualTo("#/components/schemas/CustomerProfilePatch");
        JsonNode patch = doc.at("/components/schemas/CustomerProfilePatch");
        JsonNode profile = doc.at("/components/schemas/CustomerProfile");
        assertThat(profile.path("required").toString()).contains("name"); // a create still needs a name
        assertThat(patch.has("required")).isFalse();
        List<String> patchFields = new ArrayList<>();
        patch.path("properties").fieldNames().forEachRemaining(patchFields::add);
        List<String> profileFields = new ArrayList<>();
        profile.path("properties").fieldNames().forEachRemaining(profileFields::add);
        assertThat(patchFields).isEqualTo(profileFields);
        // Optional, so an object or null (the platform's OptionalMeansNullable): any of JsonNode, an object, or null.
        JsonNode attributes = profile.at("/properties/attributes");
        assertThat(attributes.at("/anyOf/0/$ref").asText()).isEqualTo("#/components/schemas/JsonNode");
        assertThat(attributes.at("/anyOf/1/type").asText()).isEqualTo("null");
        assertThat(doc.at("/components/schemas/JsonNode/type").asText()).isEqualTo("object");
        assertThat(attributes.has("items")).isFalse();
        assertThat(attributes.at("/anyOf/0").has("items")).isFalse();
        // The tag rule is in words: the Java pattern (Unicode classes) would be misread by JSON Schema tools.
        assertThat(profile.at("/properties/tags/items").has("pattern")).isFalse();
        assertThat(profile.at("/properties/tags/items/description").asText()).contains("Letters, digits");
        assertThat(doc.at("/info/contact/name").asText()).isNotBlank();
        assertThat(doc.path("servers").size()).isPositive();
        assertThat(doc.at("/components/schemas").has("Page")).isFalse();
    }
}
