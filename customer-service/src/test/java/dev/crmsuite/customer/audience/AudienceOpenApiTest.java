package dev.crmsuite.customer.audience;

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

/** The audience operations and the customer's timeZone as the document describes them to integrators. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AudienceOpenApiTest {

    @Test
    void every_audience_operation_is_staff_only_with_its_campaign_scope_and_documented_examples() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> seen = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1/audiences")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                seen.add(name);
                JsonNode o = op.getValue();
                String scope = op.getKey().equals("get") ? "campaigns:read" : "campaigns:write";
                if (!o.at("/security/0/InternalToken/0").asText().equals(scope)) {
                    problems.add(name + ": scope " + o.path("security"));
                }
                if (!o.path("x-crm-staff-only").asBoolean()) {
                    problems.add(name + ": not marked staff-only");
                }
                if (o.path("summary").asText().isBlank() || o.path("description").asText().isBlank()) {
                    problems.add(name + ": summary and description");
                }
                if (o.has("requestBody") && o.at("/requestBody/content").findValues("examples").isEmpty()) {
                    problems.add(name + ": no request example");
                }
                // every answer with a body but the list (a platform Page) shows an example
                boolean exampleExpected = !name.equals("GET /api/v1/audiences") && !op.getKey().equals("delete");
                JsonNode ok = o.path("responses").path(op.getKey().equals("post") ? "201" : op.getKey().equals("delete") ? "204" : "200");
                if (ok.isMissingNode() || exampleExpected && ok.path("content").findValues("examples").isEmpty()) {
                    problems.add(name + ": no success answer or no example of it");
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("POST /api/v1/audiences", "GET /api/v1/audiences", "GET /api/v1/audiences/{id}",
                "PATCH /api/v1/audiences/{id}", "DELETE /api/v1/audiences/{id}", "GET /api/v1/audiences/{id}/preview");
        assertThat(problems).isEmpty();

        JsonNode filter = doc.at("/components/schemas/AudienceFilter/properties");
        assertThat(filter.has("segments") && filter.has("valueTiers") && filter.has("stages") && filter.has("tags") && filter.has("attributes")
                && filter.has("loyaltyTiers") && filter.has("lastPurchase") && filter.has("lifetimeValue")).isTrue();
        JsonNode zone = doc.at("/components/schemas/Customer/properties/timeZone");
        assertThat(zone.path("description").asText()).contains("IANA");
        assertThat(zone.toString()).contains("Asia/Shanghai");
        assertThat(doc.at("/components/schemas/CustomerProfile/properties/timeZone/description").asText()).contains("422");
    }
}
