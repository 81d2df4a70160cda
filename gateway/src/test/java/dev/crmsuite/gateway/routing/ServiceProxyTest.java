package dev.crmsuite.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What the proxy passes on and what it answers itself. The fake complaint-service records what it
 * received; in the test profile every other service URL points at a closed port.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class ServiceProxyTest {

    static String staff() {
        return Credentials.staff();
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
        assertThat(FakeService.last().header("x-request-id")).isEqualTo("fwd-1");
        given().header("Authorization", staff()).contentType("application/json").body("{\"subject\":\"late delivery\"}")
                .post("/api/v1/complaints")
                .then().statusCode(201).header("Location", "http://localhost:8080/api/v1/complaints/c-1")
                .body("received.subject", equalTo("late delivery"));
    }

    @Test
    void the_service_gets_an_internal_token_for_its_audience_and_none_of_the_clients_credentials() {
        given().header("Authorization", staff())
                .header("X-Actor", "ceo").header("X-Forwarded-For", "10.0.0.1").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Prefix", "/x").header("Forwarded", "for=10.0.0.1;host=evil.example")
                .header("Cookie", "session=abc").header("X-Custom", "kept")
                .get("/api/v1/complaints").then().statusCode(200);
        FakeService.Received received = FakeService.last();
        assertThat(received.headers()).doesNotContainKeys("x-actor", "x-api-key", "x-forwarded-for", "x-forwarded-host",
                "x-forwarded-proto", "x-forwarded-prefix", "forwarded", "cookie");
        assertThat(received.header("x-custom")).isEqualTo("kept");
        assertThat(received.header("authorization")).isNotEqualTo(staff()).startsWith("Bearer ");
        JsonNode claims = FakeService.internalClaims(received);
        long now = Instant.now().getEpochSecond();
        assertThat(claims.path("iss").asText()).isEqualTo("crm-gateway");
        assertThat(claims.path("aud").isArray() ? claims.path("aud").get(0).asText() : claims.path("aud").asText())
                .isEqualTo("complaint-service");
        assertThat(claims.path("sub").asText()).isEqualTo("user:staff-1");
        assertThat(claims.path("kind").asText()).isEqualTo("staff");
        assertThat(claims.path("actor").asText()).isEqualTo("staff-1");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(120);
        assertThat(claims.path("iat").asLong()).isBetween(now - 60, now + 5);

        // A partner's key never reaches the service either.
        String key = Credentials.partnerKey("complaints:read");
        given().header("X-API-Key", key).get("/api/v1/complaints").then().statusCode(200);
        assertThat(FakeService.last().headers()).doesNotContainKey("x-api-key");
        assertThat(FakeService.last().header("authorization")).doesNotContain(key);
    }

    @Test
    void a_browser_may_read_the_headers_the_suite_answers_with() {
        String exposed = given().header("Authorization", staff()).header("Origin", "http://localhost:3000")
                .get("/api/v1/complaints").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .extract().header("Access-Control-Expose-Headers");
        assertThat(exposed).isNotNull();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String name : exposed.split(",")) {
            names.add(name.trim().toLowerCase());
        }
        assertThat(names).contains("etag", "location", "idempotent-replayed", "ratelimit-limit", "ratelimit-remaining",
                "ratelimit-reset", "retry-after", "x-request-id");
    }

    @Test
    void a_retried_post_with_the_same_idempotency_key_is_replayed_not_repeated() {
        String key = java.util.UUID.randomUUID().toString();
        int before = FakeService.POSTS.get();
        String etag = given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Location", "http://localhost:8080/api/v1/complaints/c-1").body("received.subject", equalTo("once"))
                .extract().header("ETag");
        assertThat(etag).isNotBlank();
        // The replay carries the first answer's ETag, so the retrying client can go on with If-Match.
        given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("ETag", etag)
                .header("Location", "http://localhost:8080/api/v1/complaints/c-1").body("received.subject", equalTo("once"));
        assertThat(FakeService.POSTS.get() - before).isEqualTo(1);
        given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"subject\":\"something else\"}").post("/api/v1/complaints")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/idempotency-key-reused"));
        // Keys are per caller: another caller's identical key is a different request.
        given().header("Authorization", JwtKeys.bearer("staff-2", "staff")).header("Idempotency-Key", key)
                .contentType("application/json").body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        String partner = Credentials.partnerKey("complaints:write");
        given().header("X-API-Key", partner).header("Idempotency-Key", key)
                .contentType("application/json").body("{\"subject\":\"once\"}").post("/api/v1/complaints")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        assertThat(FakeService.POSTS.get() - before).isEqualTo(3);
        // The key goes on to the service too, which keeps its own per-caller record for its creates.
        assertThat(FakeService.last().header("idempotency-key")).isEqualTo(key);
    }

    @Test
    void a_post_sent_again_while_its_first_is_running_is_409_with_retry_after_and_not_forwarded() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        // The stand-in service takes 4 s on /slow (the route times out after 1 s): the first request is in flight.
        java.util.concurrent.CompletableFuture<Integer> first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                        .body("{}").post("/api/v1/complaints/c-1/slow").then().extract().statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> FakeService.last() != null && FakeService.last().rawPath().endsWith("/slow"));
        int forwarded = FakeService.count();
        given().header("Authorization", staff()).header("Idempotency-Key", key).contentType("application/json")
                .body("{}").post("/api/v1/complaints/c-1/slow")
                .then().statusCode(409).contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("https://crmsuite.dev/problems/idempotency-key-in-flight"));
        assertThat(FakeService.count()).as("nothing forwarded").isEqualTo(forwarded);
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(504);
    }

    @Test
    void problem_json_from_a_service_passes_through_untouched() {
        given().header("Authorization", staff()).get("/api/v1/complaints/missing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("complaint missing does not exist"));
    }

    @TestHTTPResource("/api/v1/complaints/broken-off")
    URL brokenOff;

    @Test
    void an_answer_the_service_breaks_off_reaches_the_caller_broken_not_as_a_complete_body() throws Exception {
        // The stand-in sends 200, headers and '{"items":[' and then closes its connection. Passed on as
        // a normally ended chunked body, the caller would take the truncated JSON for the whole answer.
        HttpRequest request = HttpRequest.newBuilder(URI.create(brokenOff.toString()))
                .header("Authorization", staff()).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
        // The gateway itself is unharmed: the next request through the same route is answered.
        given().header("Authorization", staff()).get("/api/v1/complaints/missing").then().statusCode(404);
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
        int before = FakeService.count();
        given().header("Authorization", staff()).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", staff()).get("/api/v2/complaints").then().statusCode(404);
        given().header("Authorization", staff()).get("/api/complaints").then().statusCode(404);
        given().header("Authorization", staff()).get("/complaints").then().statusCode(404);
        assertThat(FakeService.count()).isEqualTo(before);
    }

    @Test
    void only_the_usual_methods_are_forwarded() {
        int before = FakeService.count();
        given().header("Authorization", staff()).request("TRACE", "/api/v1/complaints").then().statusCode(405);
        assertThat(FakeService.count()).isEqualTo(before);
    }

    @Test
    void the_gateway_keeps_its_own_paths_under_a_service_prefix() {
        given().header("Authorization", staff()).get("/api/v1/customers/" + java.util.UUID.randomUUID() + "/overview")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/not-found"))
                .body("requestId", notNullValue());
    }
}
