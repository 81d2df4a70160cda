package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Who may call what: partners with API keys, frontends with JWTs, and the consent wall for partners. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class AccessTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String admin() {
        return JwtKeys.bearer("admin-1", "admin");
    }

    static String issueKey(String scopes, int perMinute) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"partner\":\"Acme Dealers\",\"scopes\":[" + scopes + "],\"requestsPerMinute\":" + perMinute + "}")
                .post("/api/v1/admin/api-keys")
                .then().statusCode(201).body("apiKey", startsWith("crm_")).extract().path("apiKey");
    }

    static String registered(String customer, boolean partnerSharing) {
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.customer.registered.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"kind\":\"PERSON\",\"name\":\"P\",\"email\":\"p@example.com\","
                        + "\"consents\":{\"marketing\":true,\"partnerSharing\":" + partnerSharing + "},"
                        + "\"registeredAt\":\"2026-11-22T10:00:00Z\"}");
    }

    @Test
    void no_credentials_is_401_and_bad_credentials_too() {
        given().get("/api/v1/customers/" + UUID.randomUUID() + "/overview")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue());
        given().header("X-API-Key", "crm_nope_nope").get("/api/v1/customers/" + UUID.randomUUID() + "/overview")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not.a.token").get("/api/v1/customers/" + UUID.randomUUID() + "/overview")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void a_scope_the_caller_lacks_is_403() {
        given().header("Authorization", JwtKeys.bearer("viewer-1", "viewer")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("this request needs the scope customers:write"));
        given().header("Authorization", JwtKeys.bearer("staff-1", "staff")).get("/api/v1/admin/api-keys")
                .then().statusCode(403).contentType("application/problem+json");
        String key = issueKey("\"loyalty:read\"", 100);
        given().header("X-API-Key", key).get("/api/v1/customers/" + UUID.randomUUID() + "/overview")
                .then().statusCode(403);
    }

    @Test
    void a_partner_sees_only_customers_who_consented_to_sharing() {
        String sharing = UUID.randomUUID().toString();
        String private_ = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", sharing, registered(sharing, true));
        TopicRecords.send("crm.customers", private_, registered(private_, false));
        String staff = JwtKeys.bearer("staff-1", "staff");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().header("Authorization", staff).get("/api/v1/customers/" + sharing + "/overview").then().statusCode(200);
            given().header("Authorization", staff).get("/api/v1/customers/" + private_ + "/overview").then().statusCode(200);
        });
        String key = issueKey("\"customers:read\"", 1000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("X-API-Key", key).get("/api/v1/customers/" + sharing + "/overview")
                        .then().statusCode(200).body("customerId", equalTo(sharing)));
        // The same answer as for an id that does not exist: existence is not leaked.
        given().header("X-API-Key", key).get("/api/v1/customers/" + private_ + "/overview")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/not-found"));
        given().header("X-API-Key", key).get("/api/v1/customers/" + UUID.randomUUID() + "/overview")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/not-found"));
    }

    @Test
    void the_rate_limit_answers_429_with_retry_after() {
        String key = issueKey("\"customers:read\"", 3);
        String anyone = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", key).get("/api/v1/customers/" + anyone + "/overview")
                    .then().statusCode(404).header("RateLimit-Limit", "3").header("RateLimit-Remaining", String.valueOf(2 - i));
        }
        given().header("X-API-Key", key).get("/api/v1/customers/" + anyone + "/overview")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).header("RateLimit-Remaining", "0");
    }

    @Test
    void keys_can_be_rotated_and_revoked() {
        var issued = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"partner\":\"Rotating\",\"scopes\":[\"customers:read\"],\"requestsPerMinute\":100}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        String key = issued.path("apiKey");
        String anyone = UUID.randomUUID().toString();
        given().header("X-API-Key", key).get("/api/v1/customers/" + anyone + "/overview").then().statusCode(404);

        var rotated = given().header("Authorization", admin()).post("/api/v1/admin/api-keys/" + issued.path("id") + "/rotation")
                .then().statusCode(201).body("partner", equalTo("Rotating")).extract();
        given().header("X-API-Key", (String) rotated.path("apiKey")).get("/api/v1/customers/" + anyone + "/overview").then().statusCode(404);
        given().header("X-API-Key", key).get("/api/v1/customers/" + anyone + "/overview").then().statusCode(401);

        given().header("Authorization", admin()).delete("/api/v1/admin/api-keys/" + rotated.path("id")).then().statusCode(204);
        given().header("X-API-Key", (String) rotated.path("apiKey")).get("/api/v1/customers/" + anyone + "/overview").then().statusCode(401);
        given().header("Authorization", admin()).queryParam("limit", 200).get("/api/v1/admin/api-keys")
                .then().statusCode(200).body("find { it.id == '" + rotated.path("id") + "' }.revokedAt", notNullValue())
                .body("apiKey", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void survey_answering_by_token_stays_public() {
        // No credentials: the gateway forwards it (and here the survey service is down, so 503, not 401).
        given().get("/api/v1/survey-invitations/some-token").then().statusCode(503);
    }
}
