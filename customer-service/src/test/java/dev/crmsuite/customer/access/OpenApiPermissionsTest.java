package dev.crmsuite.customer.access;

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
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation's permission is in the document: a security requirement on the internal token
 * naming the scope, and problem+json 401 and 403. A new operation without a permission fails here
 * (and is denied at runtime: unannotated operations are refused).
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiPermissionsTest {

    /** Operations anyone may call (through the gateway, with its anonymous token): an event invitation's RSVP link. */
    static final Set<String> PUBLIC = Set.of("GET /api/v1/campaign-invitations/{token}", "POST /api/v1/campaign-invitations/{token}/rsvp");

    @Test
    void every_operation_declares_its_permission() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        assertThat(doc.at("/components/securitySchemes/InternalToken").isMissingNode()).isFalse();
        List<String> problems = new ArrayList<>();
        int operations = 0;
        int campaignOperations = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                boolean campaigns = Operation.campaignArea(path.getKey());
                if (campaigns) {
                    campaignOperations++;
                } else {
                    operations++;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode security = op.getValue().path("security");
                if (PUBLIC.contains(name)) {
                    continue;
                }
                if (!security.isArray() || security.isEmpty() || !security.get(0).has("InternalToken")) {
                    problems.add(name + ": no security requirement");
                    continue;
                }
                List<String> scopes = new ArrayList<>();
                security.get(0).get("InternalToken").forEach(s -> scopes.add(s.asText()));
                String area = campaigns ? "campaigns" : "customers";
                String expected = Operation.ADMIN_ONLY.contains(name) ? "admin" : area + (op.getKey().equals("get") ? ":read" : ":write");
                if (!scopes.equals(List.of(expected))) {
                    problems.add(name + ": needs " + scopes + ", expected [" + expected + "]");
                }
                for (String status : List.of("401", "403")) {
                    if (!op.getValue().at("/responses/" + status + "/content").has("application/problem+json")) {
                        problems.add(name + ": " + status + " not documented as problem+json");
                    }
                }
            }
        }
        assertThat(operations).isEqualTo(Operation.ALL.size());
        assertThat(problems).isEmpty();
    }
}
