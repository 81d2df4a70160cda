package dev.crmsuite.gateway.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.AtOnce;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Who the gateway lets in, and as whom: every kind of credential against a proxied operation (the
 * fake complaint-service sees the caller in the internal token) and against the gateway's own
 * operations. Credentials that do not hold are 401 before anything is forwarded; no credentials at
 * all is an anonymous caller, which the services answer themselves.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class AuthenticationTest {

    static final String CHALLENGE = "Bearer, ApiKey header=\"X-API-Key\"";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** The caller the fake service was told about, after a proxied GET with {@code as}. */
    static JsonNode forwardedAs(RequestSpecification as) {
        as.get("/api/v1/complaints").then().statusCode(200).header("X-Upstream", "complaint");
        return FakeService.internalClaims(FakeService.last());
    }

    static void refused(RequestSpecification as) {
        int before = FakeService.count();
        as.get("/api/v1/complaints").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", CHALLENGE)
                .body("type", equalTo("https://crmsuite.dev/problems/unauthenticated"))
                .body("status", equalTo(401)).body("requestId", notNullValue());
        assertThat(FakeService.count()).as("nothing forwarded").isEqualTo(before);
        // The gateway's own operations refuse them the same way.
        as.get("/api/v1/webhooks").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", CHALLENGE);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void no_credentials_is_an_anonymous_caller() {
        JsonNode claims = forwardedAs(given());
        assertThat(claims.path("sub").asText()).isEqualTo("anonymous");
        assertThat(claims.path("kind").asText()).isEqualTo("anonymous");
        assertThat(claims.path("groups")).isEmpty();
        assertThat(claims.has("partner")).isFalse();
        // The gateway's own operations need a caller: 401 with the accepted schemes.
        given().get("/api/v1/webhooks").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", CHALLENGE);
        given().get("/api/v1/admin/api-keys").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void bad_keys_are_401_and_nothing_is_forwarded() {
        refused(given().header("X-API-Key", "crm_nope_nope"));
        refused(given().header("X-API-Key", "crm_" + "A".repeat(10) + "_" + "b".repeat(40))); // well-formed, unknown
        refused(given().header("X-API-Key", ""));
    }

    @Test
    void a_revoked_or_rotated_key_is_401() {
        var issued = given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body("{\"partner\":\"Rotating\",\"scopes\":[\"complaints:read\"],\"requestsPerMinute\":100}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        String key = issued.path("apiKey");
        assertThat(forwardedAs(given().header("X-API-Key", key)).path("sub").asText()).isEqualTo("partner:" + issued.path("id"));

        var rotated = given().header("Authorization", Credentials.admin()).post("/api/v1/admin/api-keys/" + issued.path("id") + "/rotation")
                .then().statusCode(201).body("partner", equalTo("Rotating")).extract();
        assertThat(forwardedAs(given().header("X-API-Key", (String) rotated.path("apiKey"))).path("partner").asText())
                .isEqualTo(rotated.path("id"));
        refused(given().header("X-API-Key", key));

        given().header("Authorization", Credentials.admin()).delete("/api/v1/admin/api-keys/" + rotated.path("id")).then().statusCode(204);
        refused(given().header("X-API-Key", (String) rotated.path("apiKey")));
        given().header("Authorization", Credentials.admin()).queryParam("limit", 200).get("/api/v1/admin/api-keys")
                .then().statusCode(200).body("items.find { it.id == '" + rotated.path("id") + "' }.revokedAt", notNullValue())
                .body("items.apiKey", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void rotations_at_the_same_time_leave_one_live_successor() throws Exception {
        String id = given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body("{\"partner\":\"Rotating at once\",\"scopes\":[\"complaints:read\"],\"requestsPerMinute\":100}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("id");
        List<Response> answers = AtOnce.run(6, caller ->
                given().header("Authorization", Credentials.admin()).post("/api/v1/admin/api-keys/" + id + "/rotation"));
        List<String> issuedKeys = new ArrayList<>();
        for (Response r : answers) {
            if (r.statusCode() == 201) {
                issuedKeys.add(r.path("apiKey"));
            } else {
                assertThat(r.statusCode()).isEqualTo(409);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.<String>path("type")).isEqualTo("https://crmsuite.dev/problems/api-key-revoked");
            }
        }
        assertThat(issuedKeys).as("one rotation wins").hasSize(1);
        forwardedAs(given().header("X-API-Key", issuedKeys.getFirst()));
        String live = given().header("Authorization", Credentials.admin()).queryParam("limit", 200).get("/api/v1/admin/api-keys")
                .then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(live).getList("items.findAll { it.partner == 'Rotating at once' && it.revokedAt == null }"))
                .as("live keys of the partner").hasSize(1);
    }

    @Test
    void a_partner_key_is_a_partner_with_its_scopes() {
        String key = Credentials.partnerKey("complaints:read", "customers:read");
        JsonNode claims = forwardedAs(given().header("X-API-Key", key));
        assertThat(claims.path("kind").asText()).isEqualTo("partner");
        assertThat(claims.path("sub").asText()).isEqualTo("partner:" + claims.path("partner").asText());
        assertThat(claims.path("actor").asText()).isEqualTo("Acme Dealers");
        assertThat(texts(claims.path("groups"))).containsExactlyInAnyOrder("complaints:read", "customers:read");
    }

    @Test
    void frontend_tokens_are_staff_with_the_scopes_of_their_roles() {
        JsonNode viewer = forwardedAs(given().header("Authorization", Credentials.viewer()));
        assertThat(viewer.path("kind").asText()).isEqualTo("staff");
        assertThat(viewer.path("sub").asText()).isEqualTo("user:viewer-1");
        assertThat(viewer.path("actor").asText()).isEqualTo("viewer-1");
        assertThat(texts(viewer.path("groups")))
                .containsExactlyInAnyOrder("customers:read", "loyalty:read", "complaints:read", "surveys:read", "campaigns:read");
        assertThat(viewer.has("partner")).isFalse();

        JsonNode staff = forwardedAs(given().header("Authorization", Credentials.staff()));
        assertThat(texts(staff.path("groups"))).containsExactlyInAnyOrder("customers:read", "customers:write", "loyalty:read",
                "loyalty:write", "complaints:read", "complaints:write", "surveys:read", "surveys:write", "campaigns:read",
                "campaigns:write", "webhooks:manage");

        JsonNode admin = forwardedAs(given().header("Authorization", Credentials.admin()));
        assertThat(texts(admin.path("groups"))).contains("admin", "customers:read", "surveys:write", "campaigns:write");

        // A group the gateway does not map grants nothing, and a scope name as a group is not a scope.
        JsonNode stranger = forwardedAs(given().header("Authorization", JwtKeys.bearer("odd-1", "customers:write", "auditor")));
        assertThat(stranger.path("groups")).isEmpty();
    }

    @Test
    void tokens_that_do_not_hold_are_401() {
        long now = now();
        // Signed by the right key, but for another API, expired, living too long, or from another issuer.
        refused(given().header("Authorization", "Bearer " + JwtKeys.token(JwtKeys.ISSUER, "other-api", now, now + 600, "x", "admin")));
        refused(given().header("Authorization", "Bearer " + JwtKeys.token(JwtKeys.ISSUER, null, now, now + 600, "x", "admin")));
        refused(given().header("Authorization", "Bearer " + JwtKeys.token(JwtKeys.ISSUER, JwtKeys.AUDIENCE, now - 7200, now - 3600, "x", "admin")));
        refused(given().header("Authorization", "Bearer " + JwtKeys.token(JwtKeys.ISSUER, JwtKeys.AUDIENCE, now, now + 86_400 * 365, "x", "admin")));
        refused(given().header("Authorization", "Bearer " + JwtKeys.token("https://elsewhere.example", JwtKeys.AUDIENCE, now, now + 600, "x", "admin")));
        refused(given().header("Authorization", "Bearer " + JwtKeys.token("crm-gateway", JwtKeys.AUDIENCE, now, now + 60, "x", "admin")));
        refused(given().header("Authorization", "Bearer not.a.token"));
        // Schemes and combinations the gateway does not understand are refused, not served as anonymous.
        refused(given().header("Authorization", "Basic YWRtaW46YWRtaW4="));
        refused(given().header("Authorization", Credentials.admin()).header("X-API-Key", Credentials.partnerKey("complaints:read")));
    }

    @Test
    void the_rate_limit_per_caller_answers_429_with_retry_after() {
        String key = Credentials.partnerKey(3, "complaints:read");
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", key).get("/api/v1/complaints")
                    .then().statusCode(200).header("RateLimit-Limit", "3").header("RateLimit-Remaining", String.valueOf(2 - i));
        }
        int before = FakeService.count();
        given().header("X-API-Key", key).get("/api/v1/complaints")
                .then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/rate-limited"))
                .header("Retry-After", notNullValue()).header("RateLimit-Remaining", "0");
        assertThat(FakeService.count()).isEqualTo(before);
    }

    @Test
    void survey_answering_by_token_stays_public() {
        // No credentials: forwarded with an anonymous token (and here the survey service is down: 503, not 401).
        given().get("/api/v1/survey-invitations/some-token").then().statusCode(503).contentType("application/problem+json");
        // A campaign's event invitation the same way (customer-service, down here too).
        given().get("/api/v1/campaign-invitations/some-token").then().statusCode(503).contentType("application/problem+json");
        given().contentType("application/json").body("{\"rsvp\":\"ACCEPTED\"}").post("/api/v1/campaign-invitations/some-token/rsvp")
                .then().statusCode(503).contentType("application/problem+json");
        given().get("/api/v1/customers/" + UUID.randomUUID()).then().statusCode(503);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
