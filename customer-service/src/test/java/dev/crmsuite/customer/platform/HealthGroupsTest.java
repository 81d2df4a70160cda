package dev.crmsuite.customer.platform;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Degrade, do not go dark (issue 18): readiness, which decides whether a pod gets traffic, asks only
 * for what the service needs to answer, its database. Kafka and the consumers are wellness checks,
 * shown in {@code /q/health} (which ./crm up waits for) and as the {@code crm_kafka_reachable} gauge,
 * so a broker outage cannot take every pod out of its Service. (The outage itself is drill 1 of
 * ./crm drill: reads and purchases keep getting 2xx while the broker is down.)
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class HealthGroupsTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/health/well", management = true)
    URL well;
    @TestHTTPResource(value = "/health", management = true)
    URL all;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void readiness_asks_only_for_the_database_and_kafka_and_the_consumers_are_wellness_checks() {
        List<String> readiness = given().get(ready).then().statusCode(200).extract().jsonPath().getList("checks.name");
        assertThat(readiness).isNotEmpty().allSatisfy(name -> assertThat(name).containsIgnoringCase("database"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(well).then().statusCode(200)
                .body("status", equalTo("UP")));
        List<String> wellness = given().get(well).then().extract().jsonPath().getList("checks.name");
        assertThat(wellness).contains("kafka", "event-consumers");
        List<String> everything = given().get(all).then().statusCode(200).extract().jsonPath().getList("checks.name");
        assertThat(everything).contains("kafka", "event-consumers").containsAll(readiness);

        given().get(metrics).then().statusCode(200).body(containsString("crm_kafka_reachable 1.0"));
    }
}
