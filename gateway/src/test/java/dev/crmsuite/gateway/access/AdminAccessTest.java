package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The gateway's admin operations are for staff with the admin scope only; scopes are a closed set
 * and admin can never be given to a partner key. A refused admin request changes nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class AdminAccessTest {

    static final String EVERY_PARTNER_SCOPE = "\"customers:read\",\"customers:write\",\"loyalty:read\",\"loyalty:write\","
            + "\"complaints:read\",\"complaints:write\",\"surveys:read\",\"surveys:write\",\"campaigns:read\",\"campaigns:write\","
            + "\"webhooks:manage\"";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static List<String> keyIds() {
        return given().header("Authorization", Credentials.admin()).queryParam("limit", 200).get("/api/v1/admin/api-keys")
                .then().statusCode(200).extract().path("items.id");
    }

    static String newKey(String scopes) {
        return "{\"partner\":\"Intruder\",\"scopes\":[" + scopes + "],\"requestsPerMinute\":100}";
    }

    @Test
    void partners_viewers_and_staff_get_403_and_change_nothing() {
        String victim = given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body(newKey("\"customers:read\"")).post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("id");
        String everything = given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body(newKey(EVERY_PARTNER_SCOPE)).post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        List<Supplier<RequestSpecification>> refused = List.of(
                () -> given().header("X-API-Key", everything),
                () -> given().header("Authorization", Credentials.viewer()),
                () -> given().header("Authorization", Credentials.staff()));
        List<String> before = keyIds();
        for (Supplier<RequestSpecification> as : refused) {
            as.get().get("/api/v1/admin/api-keys").then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://crmsuite.dev/problems/forbidden"));
            as.get().contentType(ContentType.JSON).body(newKey("\"customers:read\"")).post("/api/v1/admin/api-keys")
                    .then().statusCode(403).contentType("application/problem+json");
            as.get().post("/api/v1/admin/api-keys/" + victim + "/rotation").then().statusCode(403);
            as.get().delete("/api/v1/admin/api-keys/" + victim).then().statusCode(403);
            as.get().post("/api/v1/admin/overview/rebuild").then().statusCode(403);
        }
        assertThat(keyIds()).isEqualTo(before);
        given().header("Authorization", Credentials.admin()).queryParam("limit", 200).get("/api/v1/admin/api-keys")
                .then().body("items.find { it.id == '" + victim + "' }.revokedAt", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void scopes_are_a_closed_set_and_admin_is_never_a_partners() {
        List<String> before = keyIds();
        given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body(newKey("\"customers:read\",\"everything\",\"root:write\"")).post("/api/v1/admin/api-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("scopes"))
                .body("detail", containsString("everything, root:write"));
        given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body(newKey("\"customers:read\",\"admin\"")).post("/api/v1/admin/api-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("scopes: admin can never be given to a partner key"));
        given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body(newKey("")).post("/api/v1/admin/api-keys").then().statusCode(400);
        assertThat(keyIds()).isEqualTo(before);
        given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body(newKey(EVERY_PARTNER_SCOPE)).post("/api/v1/admin/api-keys")
                .then().statusCode(201).body("scopes", hasItems("webhooks:manage", "surveys:write", "campaigns:read", "campaigns:write"));
    }
}
