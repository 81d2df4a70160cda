package dev.crmsuite.gateway.routing;

import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/** In the test profile every service URL points at a closed port: the gateway must say so clearly and fast. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class ServiceProxyTest {

    static String staff() {
        return JwtKeys.bearer("staff-1", "staff");
    }

    @Test
    void a_service_that_is_down_yields_503_problem_json_quickly() {
        given().header("Authorization", staff()).header("X-Request-Id", "proxy-down-1")
                .get("/api/v1/loyalty/accounts/123")
                .then().statusCode(503).contentType("application/problem+json")
                .header("X-Request-Id", "proxy-down-1")
                .body("status", equalTo(503))
                .body("requestId", equalTo("proxy-down-1"))
                .time(lessThan(5_000L));
    }

    @Test
    void forwards_status_headers_query_and_body_and_passes_the_request_id_on() {
        given().header("Authorization", staff()).header("X-Request-Id", "fwd-1")
                .get("/api/v1/complaints?status=OPEN&limit=5")
                .then().statusCode(200).header("X-Upstream", "complaint").header("X-Request-Id", "fwd-1")
                .body("query", equalTo("status=OPEN&limit=5"));
        org.assertj.core.api.Assertions.assertThat(FakeService.LAST_HEADERS)
                .containsEntry("x-request-id", "fwd-1")
                .containsEntry("x-actor", "staff-1")
                .doesNotContainKey("x-api-key");
        given().header("Authorization", staff()).contentType("application/json").body("{\"subject\":\"late delivery\"}")
                .post("/api/v1/complaints")
                .then().statusCode(201).header("Location", "/api/v1/complaints/c-1")
                .body("received.subject", equalTo("late delivery"));
    }

    @Test
    void a_retried_post_with_the_same_idempotency_key_is_replayed_not_repeated() {
        String key = java.util.UUID.randomUUID().toString();
        int before = FakeService.POSTS.get();
        given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Location", "/api/v1/complaints/c-1").body("received.subject", equalTo("once"));
        given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", "/api/v1/complaints/c-1").body("received.subject", equalTo("once"));
        org.assertj.core.api.Assertions.assertThat(FakeService.POSTS.get() - before).isEqualTo(1);
        given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"subject\":\"something else\"}").post("/api/v1/complaints")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/idempotency-key-reused"));
        // Keys are per caller: another caller's identical key is a different request.
        given().header("Authorization", JwtKeys.bearer("staff-2", "staff")).header("Idempotency-Key", key)
                .contentType("application/json").body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void problem_json_from_a_service_passes_through_untouched() {
        given().header("Authorization", staff()).get("/api/v1/complaints/missing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("complaint missing does not exist"));
    }

    @Test
    void a_slow_service_yields_504_problem_json_at_its_timeout() {
        given().header("Authorization", staff()).get("/api/v1/complaints/slow")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/upstream-timeout"))
                .time(lessThan(3_500L));
    }

    @Test
    void unknown_api_paths_are_404_problems_not_forwarded() {
        given().header("Authorization", staff()).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_gateway_keeps_its_own_paths_under_a_service_prefix() {
        given().header("Authorization", staff()).get("/api/v1/customers/" + java.util.UUID.randomUUID() + "/overview")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/not-found"))
                .body("requestId", notNullValue());
    }
}
