package dev.crmsuite.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class SuiteOpenApiTest {

    static JsonNode merged() {
        return TopicRecords.parse(given().get("/q/openapi").then().statusCode(200).extract().asString());
    }

    @Test
    void one_document_holds_the_gateway_and_the_services_api_v1_with_the_public_schemes() {
        given().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/customers/{id}/overview"))
                .body("paths", hasKey("/api/v1/complaints"))
                .body("paths", hasKey("/api/v1/admin/api-keys"))
                .body("paths", not(hasKey("/api/v2/complaints")))
                .body("paths", not(hasKey("/q/health")))
                .body("components.schemas", hasKey("Complaint"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes", not(hasKey("InternalToken")))
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"))
                .body("security", notNullValue());
    }

    @Test
    void every_service_operation_refers_to_the_schemas_its_service_documents() {
        // The fake complaint-service names a schema like one of the gateway's own (IssuedKey), with another definition.
        JsonNode doc = merged();
        assertThat(DocumentedRefs.assertAsDocumented(doc, "complaint", TopicRecords.parse(FakeService.OPENAPI))).isPositive();
        assertThat(doc.at("/components/schemas/IssuedKey/type").asText()).isEqualTo("object");
        assertThat(doc.at("/components/schemas/ComplaintIssuedKey/type").asText()).isEqualTo("string");
        assertThat(doc.at("/components/schemas/Complaint/properties/key/$ref").asText()).isEqualTo("#/components/schemas/ComplaintIssuedKey");
    }

    @Test
    void every_operation_names_its_scopes_or_is_public() {
        JsonNode doc = merged();
        Map<String, String> expected = Map.of(
                "get /api/v1/complaints", "complaints:read",
                "post /api/v1/complaints", "complaints:write",
                "get /api/v1/customers/{id}/overview", "customers:read",
                "post /api/v1/admin/api-keys", "admin",
                "post /api/v1/admin/overview/rebuild", "admin",
                "post /api/v1/webhooks", "webhooks:manage");
        expected.forEach((operation, scope) -> {
            String[] parts = operation.split(" ");
            JsonNode security = doc.path("paths").path(parts[1]).path(parts[0]).path("security");
            assertThat(security.toString()).as(operation)
                    .isEqualTo("[{\"bearerAuth\":[\"" + scope + "\"]},{\"apiKey\":[\"" + scope + "\"]}]");
        });
        assertThat(doc.at("/paths/~1api~1v1~1partner~1openapi/get/security").toString()).isEqualTo("[{\"bearerAuth\":[]},{\"apiKey\":[]}]");
        // Staff-only operations say so, for partners' tooling and the suite's generated access tests.
        assertThat(doc.at("/paths/~1api~1v1~1admin~1api-keys/post/x-crm-staff-only").asBoolean()).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1admin~1overview~1rebuild/post/x-crm-staff-only").asBoolean()).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1webhooks/post").has("x-crm-staff-only")).isFalse();
        assertThat(doc.at("/paths/~1api~1v1~1complaints~1forms~1{token}/get/security").toString()).isEqualTo("[]");
        // Every operation of the gateway itself declares a permission (none is public).
        Set<String> own = Set.of("/api/v1/admin", "/api/v1/webhooks", "/api/v1/partner", "/api/v1/customers/{id}/overview");
        doc.path("paths").properties().forEach(path -> {
            if (own.stream().anyMatch(path.getKey()::startsWith)) {
                path.getValue().properties().forEach(op -> assertThat(op.getValue().path("security").isEmpty())
                        .as(op.getKey() + " " + path.getKey()).isFalse());
            }
        });
    }

    @Test
    void the_gateways_own_answers_are_documented_where_it_gives_them() {
        given().get("/q/openapi").then().statusCode(200)
                // A proxied operation that needs a scope: refused, limited or unreachable at the gateway.
                .body("paths.'/api/v1/complaints'.get.responses.'401'.headers", hasKey("WWW-Authenticate"))
                .body("paths.'/api/v1/complaints'.get.responses.'403'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/complaints'.get.responses.'429'.headers", hasKey("Retry-After"))
                .body("paths.'/api/v1/complaints'.get.responses.'429'.headers", hasKey("RateLimit-Remaining"))
                .body("paths.'/api/v1/complaints'.get.responses", hasKey("503"))
                .body("paths.'/api/v1/complaints'.get.responses", hasKey("504"))
                // The gateway's own operation: no upstream timeout; its 401/403 are the platform's problem+json.
                .body("paths.'/api/v1/admin/api-keys'.get.responses", hasKey("403"))
                .body("paths.'/api/v1/admin/api-keys'.get.responses.'401'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/admin/api-keys'.get.responses", not(hasKey("504")))
                // The overview says which sections need which scope.
                .body("paths.'/api/v1/customers/{id}/overview'.get.description", org.hamcrest.Matchers.containsString("loyalty:read"));
    }

    @Test
    void every_gateway_operation_on_one_object_documents_its_404() {
        // The gateway's own operations on {id} answer 404 for an unknown (or another caller's) object: documented.
        JsonNode doc = merged();
        java.util.List<String> undocumented = new java.util.ArrayList<>();
        doc.path("paths").properties().forEach(path -> {
            if (path.getKey().contains("{id}") && SuiteOpenApi.routedTo(path.getKey()).isEmpty()) {
                path.getValue().properties().forEach(op -> {
                    if (op.getValue().isObject() && op.getValue().has("responses") && !op.getValue().path("responses").has("404")) {
                        undocumented.add(op.getKey() + " " + path.getKey());
                    }
                });
            }
        });
        assertThat(undocumented).isEmpty();
        assertThat(doc.at("/paths/~1api~1v1~1webhooks~1{id}/delete/responses/404/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.at("/paths/~1api~1v1~1webhooks~1{id}~1enable/post/responses/404").isMissingNode()).isFalse();
    }

    @Test
    void the_overview_is_documented_section_by_section() {
        given().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/customers/{id}/overview'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/CustomerOverview"))
                .body("components.schemas.CustomerOverview.required", hasItem("customerId"))
                .body("components.schemas.CustomerOverview.properties", hasKey("profile"))
                .body("components.schemas.CustomerOverview.properties", hasKey("followUps"))
                .body("components.schemas.CustomerOverview.properties", hasKey("touchpoints"))
                // Sections the caller's scopes leave out may be absent or null.
                .body("components.schemas.CustomerOverview.properties.loyalty.anyOf.type", hasItem("null"))
                .body("components.schemas.CustomerOverview.properties.complaints.anyOf.type", hasItem("null"))
                .body("components.schemas.CustomerOverview.properties.surveys.anyOf.type", hasItem("null"))
                .body("components.schemas.OverviewValue.properties", hasKey("lifetimeValue"))
                .body("components.schemas.OverviewValue.properties", hasKey("revenue12Months"))
                .body("components.schemas.OverviewValue.properties", hasKey("lifetimeRevenue"))
                .body("components.schemas.OverviewValue.properties", not(hasKey("revenueByMonth")))
                .body("components.schemas.OverviewValue.properties.lifetimeValue.type", hasItem("number"));
    }

    @Test
    void optional_properties_of_the_gateways_own_schemas_may_be_null() {
        // The platform's OpenAPI filter: an API key's revokedAt is null until it is revoked.
        given().get("/q/openapi").then().statusCode(200)
                .body("components.schemas.IssuedKey.properties.revokedAt.anyOf.type", hasItem("null"))
                .body("components.schemas.IssuedKey.properties.revokedAt.anyOf.$ref", hasItem("#/components/schemas/OffsetDateTime"))
                .body("components.schemas.IssuedKey.properties.partner.type", hasItem("null"));
    }

    @Test
    void a_partner_gets_the_document_cut_to_its_scopes() {
        String key = Credentials.partnerKey("customers:read");
        given().header("X-API-Key", key).get("/api/v1/partner/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/customers/{id}/overview"))
                .body("paths", hasKey("/api/v1/complaints/forms/{token}"))
                .body("paths", not(hasKey("/api/v1/complaints")))
                .body("paths", not(hasKey("/api/v1/admin/api-keys")))
                .body("paths", not(hasKey("/api/v1/webhooks")));
        given().header("X-API-Key", Credentials.partnerKey("complaints:read")).get("/api/v1/partner/openapi").then().statusCode(200)
                .body("paths.'/api/v1/complaints'", hasKey("get"))
                .body("paths.'/api/v1/complaints'", not(hasKey("post")));
        given().get("/api/v1/partner/openapi").then().statusCode(401);
    }
}
