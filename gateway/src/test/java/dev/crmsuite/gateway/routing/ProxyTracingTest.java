package dev.crmsuite.gateway.routing;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request through the gateway is one trace (issue 18 item 5): the service gets a
 * {@code traceparent} naming the gateway's span, in the client's trace when it sent one.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class ProxyTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Test
    void the_service_continues_the_gateways_span_in_the_clients_trace() {
        given().header("Authorization", Credentials.staff())
                .header("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01").header("tracestate", "client=1")
                .get("/api/v1/complaints").then().statusCode(200);
        String[] upstream = FakeService.last().header("traceparent").split("-");
        assertThat(upstream).hasSize(4);
        assertThat(upstream[1]).isEqualTo(TRACE);
        assertThat(upstream[2]).as("the gateway's own span, not the client's").hasSize(16).isNotEqualTo(CLIENT_SPAN);
        assertThat(FakeService.last().header("tracestate")).isEqualTo("client=1");
    }

    @Test
    void without_a_client_trace_the_gateway_starts_one_and_passes_it_on() {
        given().header("Authorization", Credentials.staff()).get("/api/v1/complaints").then().statusCode(200);
        String first = FakeService.last().header("traceparent");
        given().header("Authorization", Credentials.staff()).get("/api/v1/complaints").then().statusCode(200);
        String second = FakeService.last().header("traceparent");
        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(second.split("-")[1]).as("one trace per request").isNotEqualTo(first.split("-")[1]);
        assertThat(FakeService.last().header("tracestate")).isNull();
    }
}
