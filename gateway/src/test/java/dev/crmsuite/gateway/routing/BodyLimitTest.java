package dev.crmsuite.gateway.routing;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.gateway.RawHttp;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every proxied body is limited before it is buffered or streamed past the limit
 * ({@code crm.http.max-body-bytes}, 1 MiB): a declared length over it, or a chunked body that grows
 * over it, is 413 problem+json, and the service never receives a complete request.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class BodyLimitTest {

    static final long LIMIT = 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    static void assertTooLarge(RawHttp.Answer answer) {
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asText()).isEqualTo("https://crmsuite.dev/problems/payload-too-large");
    }

    /** What the service received of the requests sent since {@code before}: nothing complete past the limit. */
    static void nothingCompleteArrived(int before) {
        FakeService.received().stream().skip(before).forEach(r ->
                assertThat(r.bodyBytes()).as("a body the service received in full").isLessThanOrEqualTo(LIMIT));
    }

    @Test
    void a_chunked_body_over_the_limit_is_413_and_the_service_never_gets_it_whole() {
        int before = FakeService.count();
        assertTooLarge(RawHttp.sendChunked(base, "POST", "/api/v1/complaints/bodies", 3 * LIMIT,
                "Authorization", Credentials.staff(), "Content-Type", "application/json"));
        nothingCompleteArrived(before);
    }

    @Test
    void the_buffered_path_of_an_idempotency_key_is_limited_too() {
        int before = FakeService.count();
        assertTooLarge(RawHttp.sendChunked(base, "POST", "/api/v1/complaints/bodies", 3 * LIMIT,
                "Authorization", Credentials.staff(), "Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(FakeService.count()).isEqualTo(before);
    }

    @Test
    void a_declared_length_over_the_limit_is_413_before_anything_is_read() {
        int before = FakeService.count();
        RawHttp.Answer answer = RawHttp.send(base, "POST", "/api/v1/complaints/bodies",
                "Authorization", Credentials.staff(), "Content-Type", "application/json", "Content-Length", Long.toString(LIMIT + 1));
        assertTooLarge(answer);
        assertThat(FakeService.count()).isEqualTo(before);
    }

    @Test
    void a_chunked_body_within_the_limit_streams_through_whole() {
        RawHttp.Answer answer = RawHttp.sendChunked(base, "POST", "/api/v1/complaints/bodies", LIMIT - 10,
                "Authorization", Credentials.staff(), "Content-Type", "application/json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("bytes").asLong()).isEqualTo(LIMIT - 10);
        assertThat(FakeService.last().bodyBytes()).isEqualTo(LIMIT - 10);
    }

    @Test
    void the_gateways_own_operations_refuse_large_bodies_too() {
        RawHttp.Answer answer = RawHttp.sendChunked(base, "POST", "/api/v1/webhooks", "{\"url\":\"https://x.example/", 3 * LIMIT,
                "Authorization", Credentials.staff(), "Content-Type", "application/json");
        assertThat(answer.status()).isEqualTo(413);
    }
}
