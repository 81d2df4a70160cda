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
            String needed = op.getKey().equals("get") ? Scopes.COMPLAINTS_READ : Scopes.COMPLAINTS_WRITE;
            if (scopes.size() != 1 || !needed.equals(scopes.get(0).asText())) {
                problems.add(name + " needs " + scopes + ", expected [" + needed + "]");
            }
            for (String status : List.of("401", "403")) {
                if (!op.getValue().path("responses").path(status).path("content").has("application/problem+json")) {
                    problems.add(name + " does not document its " + status + " problem");
                }
            }
        }));
        assertThat(seen).hasSize(20);
        assertThat(problems).isEmpty();
    }
}
