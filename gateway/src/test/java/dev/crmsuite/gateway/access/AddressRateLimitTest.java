package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The limit per client address counts every request before authentication: past it, a flood of
 * guessed keys gets 429 instead of a key lookup each, and so does everyone else from that address.
 */
@QuarkusTest
@TestProfile(AddressRateLimitTest.FewPerAddress.class)
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class AddressRateLimitTest {

    public static class FewPerAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Two replicas: each one allows half of the 20.
            return Map.of("crm.gateway.rate-limit.address-requests-per-minute", "20", "crm.gateway.rate-limit.replicas", "2");
        }
    }

    @Test
    void past_the_address_limit_even_bad_credentials_get_429_not_401() {
        String admin = Credentials.admin();
        for (int i = 0; i < 10; i++) {
            given().header("X-API-Key", "crm_guess_" + i).get("/api/v1/complaints").then().statusCode(401);
        }
        given().header("X-API-Key", "crm_guess_x").get("/api/v1/complaints")
                .then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/rate-limited"))
                .header("Retry-After", notNullValue())
                .header("X-Content-Type-Options", "nosniff");
        given().header("Authorization", admin).get("/api/v1/admin/api-keys").then().statusCode(429);
        given().get("/q/openapi").then().statusCode(429);
    }
}
