package dev.crmsuite.gateway.routing;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * The proxy's timeout and circuit breaker (SmallRye Fault Tolerance, {@link UpstreamGuards}) against
 * a real upstream ({@link StandInUpstream}): timeout 500 ms, 3 failures in a row open the circuit,
 * which stays open for 1 s. Each test uses its own route, so each has its own breaker.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StandInUpstream.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class UpstreamBreakerTest {

    @TestHTTPResource(value = "/health/well", management = true)
    URL wellness;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    static int get(String path) {
        return given().header("Authorization", Credentials.staff()).get(path).then().extract().statusCode();
    }

    /** The upstreams check's data: {@code <service>.circuit}, {@code .failures}, {@code .timeouts}, ... */
    Map<String, Object> breakers() {
        // Wellness is DOWN (503) while a circuit is open; the data is the same either way.
        JsonPath health = given().get(wellness.toString()).then().extract().jsonPath();
        return health.getMap("checks.find { it.name == 'upstreams' }.data");
    }

    @Test
    void one_timeout_counts_as_one_failure() throws InterruptedException {
        assertThat(get("/api/v1/customers/ok")).isEqualTo(200);
        given().header("Authorization", Credentials.staff()).get("/api/v1/customers/slow")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/upstream-timeout"))
                .time(lessThan(1_800L));
        // Past the late answer (2 s) and any idle timeout of the abandoned request: still one failure.
        Thread.sleep(2_500);
        Map<String, Object> data = breakers();
        assertThat(data).containsEntry("customer.failures", 1).containsEntry("customer.timeouts", 1)
                .containsEntry("customer.successes", 1).containsEntry("customer.circuit", "CLOSED");
        // Two more timeouts would open it only now: one timeout was one of the three.
        assertThat(get("/api/v1/customers/slow")).isEqualTo(504);
        assertThat(breakers()).containsEntry("customer.circuit", "CLOSED").containsEntry("customer.failures", 2);
        // the timer's count is recorded when the abandoned call ends, which a loaded machine may delay past the answer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(given().get(metrics.toString()).then().statusCode(200).extract().asString())
                        .containsPattern("ft_timeout_calls_total\\{[^}]*method=\"upstream-customer\"[^}]*timedOut=\"true\"[^}]*} 2\\.0"));
    }

    @Test
    void the_circuit_opens_after_three_failures_and_a_trial_call_closes_it_again() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Credentials.staff()).get("/api/v1/surveys/drop")
                    .then().statusCode(503).body("detail", equalTo("survey-service is unavailable"));
        }
        assertThat(StandInUpstream.received("/api/v1/surveys/drop")).isEqualTo(3);
        // Open: answered at once, without calling the service.
        given().header("Authorization", Credentials.staff()).get("/api/v1/surveys/ok")
                .then().statusCode(503).header("Retry-After", "1").body("detail", containsString("circuit open"));
        assertThat(StandInUpstream.received("/api/v1/surveys/ok")).isZero();
        assertThat(breakers()).containsEntry("survey.circuit", "OPEN").containsEntry("survey.failures", 3)
                .containsEntry("survey.refusedWhileOpen", 1);
        String scraped = given().get(metrics.toString()).then().statusCode(200).extract().asString();
        assertThat(scraped).containsPattern("ft_circuitbreaker_opened_total\\{[^}]*method=\"upstream-survey\"[^}]*} 1\\.0");
        // After open-for, half-open lets a trial call through; its success closes the circuit.
        Thread.sleep(1_100);
        assertThat(get("/api/v1/surveys/ok")).isEqualTo(200);
        assertThat(get("/api/v1/surveys/ok")).isEqualTo(200);
        assertThat(StandInUpstream.received("/api/v1/surveys/ok")).isEqualTo(2);
        assertThat(breakers()).containsEntry("survey.circuit", "CLOSED");
    }

    @Test
    void a_failed_trial_call_opens_the_circuit_again_and_a_timeout_is_one_of_the_failures() throws InterruptedException {
        assertThat(get("/api/v1/loyalty/drop")).isEqualTo(503);
        assertThat(get("/api/v1/loyalty/drop")).isEqualTo(503);
        assertThat(get("/api/v1/loyalty/slow")).isEqualTo(504);
        assertThat(breakers()).containsEntry("loyalty.circuit", "OPEN").containsEntry("loyalty.failures", 3);
        Thread.sleep(1_100);
        // The trial reaches the service, fails, and the circuit is open again at once.
        given().header("Authorization", Credentials.staff()).get("/api/v1/loyalty/drop")
                .then().statusCode(503).body("detail", equalTo("loyalty-service is unavailable"));
        assertThat(StandInUpstream.received("/api/v1/loyalty/drop")).isEqualTo(3);
        given().header("Authorization", Credentials.staff()).get("/api/v1/loyalty/ok")
                .then().statusCode(503).body("detail", containsString("circuit open"));
        assertThat(StandInUpstream.received("/api/v1/loyalty/ok")).isZero();
        assertThat(breakers()).containsEntry("loyalty.circuit", "OPEN");
    }
}
