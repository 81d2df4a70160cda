package dev.crmsuite.survey.access;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Health and metrics are served on the management port (probes, Prometheus), never on the API port. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ManagementInterfaceTest {

    /** Relative to the management root (/q): /q/health/live and /q/metrics on the management port. */
    @TestHTTPResource(value = "/health/live", management = true)
    URL live;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void health_and_metrics_are_on_the_management_port_only() {
        org.hamcrest.MatcherAssert.assertThat(live.toString(), endsWith("/q/health/live"));
        given().header("Authorization", dev.crmsuite.platform.testing.InternalTokens.NO_TOKEN).get(live)
                .then().statusCode(200).body("status", equalTo("UP"));
        given().header("Authorization", dev.crmsuite.platform.testing.InternalTokens.NO_TOKEN).get(metrics)
                .then().statusCode(200).body(containsString("jvm_"));
        for (String path : new String[]{"/q/health", "/q/health/live", "/q/health/ready", "/q/metrics"}) {
            given().get(path).then().statusCode(404);
            given().header("Authorization", dev.crmsuite.platform.testing.InternalTokens.NO_TOKEN).get(path).then().statusCode(404);
        }
    }
}
