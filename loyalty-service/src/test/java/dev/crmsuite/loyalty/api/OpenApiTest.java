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
}
