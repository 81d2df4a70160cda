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
}
