package dev.crmsuite.complaint.access;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Health and metrics are served on the management interface (its own port, for probes and
 * Prometheus) and nowhere on the API port, where the proxy could reach them; the OpenAPI document
 * stays on the API port as documentation. (A management URL is relative to the interface's root
 * path, /q.)
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ManagementInterfaceTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/health/live", management = true)
    URL live;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void health_and_metrics_are_on_the_management_port_only() {
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
        // Ready once the consumers have their partitions: a fresh start may take a moment.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP")));
        given().get(metrics).then().statusCode(200).body(containsString("jvm_"));
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            given().get(path).then().statusCode(404);
        }
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(not(containsString("/q/health")));
    }
}
