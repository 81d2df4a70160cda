package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import java.time.Duration;
import java.util.UUID;
import static org.awaitility.Awaitility.await;
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

    /** A second gateway replica, as its heartbeat row says (fresh for an hour). */
    private static final UUID PEER = UUID.fromString("00000000-0000-0000-0000-0000000000a2");

    @Inject
    GatewayReplicas replicas;
    @Inject
    EntityManager em;

    public static class FewPerAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.gateway.rate-limit.address-requests-per-minute", "20");
        }
    }

    @AfterEach
    void peerGone() {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("delete from gateway_replica where id = ?1").setParameter(1, PEER).executeUpdate());
    }

    @Test
    void past_the_address_limit_even_bad_credentials_get_429_not_401() {
        String admin = Credentials.admin();
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.live() == 1);
        // A second replica starts: within a heartbeat each one allows half of the 20.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into gateway_replica (id, seen_at) values (?1, now() + interval '1 hour')")
                .setParameter(1, PEER).executeUpdate());
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.live() == 2);
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

    @Test
    void a_replica_that_stops_announcing_itself_no_longer_counts() {
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.live() == 1);
        // Its last heartbeat is dated a few seconds ahead, so a heartbeat of ours delayed by a busy machine still
        // sees it fresh (a row dated now() is stale after 600 ms in tests, which a slow CI run missed).
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into gateway_replica (id, seen_at) values (?1, now() + interval '3 seconds')").setParameter(1, PEER).executeUpdate());
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.live() == 2);
        // Its heartbeats stop (killed, node lost): three missed heartbeats after its last one it is not counted.
        await().atMost(Duration.ofSeconds(15)).until(() -> replicas.live() == 1);
    }
}
