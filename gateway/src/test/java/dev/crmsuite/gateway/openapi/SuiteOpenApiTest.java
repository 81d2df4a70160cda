package dev.crmsuite.gateway.openapi;

import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
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

    @Test
    void one_document_holds_the_gateway_and_the_services_with_security_schemes() {
        given().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/customers/{id}/overview"))
                .body("paths", hasKey("/api/v1/complaints"))
                .body("paths", hasKey("/api/v1/admin/api-keys"))
                .body("components.schemas", hasKey("Complaint"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes.bearerAuth.scheme", org.hamcrest.Matchers.equalTo("bearer"))
                .body("components.securitySchemes.apiKey.name", org.hamcrest.Matchers.equalTo("X-API-Key"))
                .body("security", notNullValue());
    }

    @Test
    void the_gateways_own_answers_are_documented_where_it_gives_them() {
        given().get("/q/openapi").then().statusCode(200)
                // A proxied operation that needs a scope: refused, limited or unreachable at the gateway.
                .body("paths.'/api/v1/complaints'.get.responses", hasKey("401"))
                .body("paths.'/api/v1/complaints'.get.responses.'403'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/complaints'.get.responses.'429'.headers", hasKey("Retry-After"))
                .body("paths.'/api/v1/complaints'.get.responses.'429'.headers", hasKey("RateLimit-Remaining"))
                .body("paths.'/api/v1/complaints'.get.responses", hasKey("503"))
                .body("paths.'/api/v1/complaints'.get.responses", hasKey("504"))
                // The gateway's own operation: no upstream timeout.
                .body("paths.'/api/v1/admin/api-keys'.get.responses", hasKey("403"))
                .body("paths.'/api/v1/admin/api-keys'.get.responses", not(hasKey("504")));
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
        String key = given().header("Authorization", JwtKeys.bearer("admin-1", "admin")).contentType(ContentType.JSON)
                .body("{\"partner\":\"Reader\",\"scopes\":[\"customers:read\"],\"requestsPerMinute\":100}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        given().header("X-API-Key", key).get("/api/v1/partner/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/customers/{id}/overview"))
                .body("paths", not(hasKey("/api/v1/complaints")))
                .body("paths", not(hasKey("/api/v1/admin/api-keys")));
        given().get("/api/v1/partner/openapi").then().statusCode(401);
    }
}
