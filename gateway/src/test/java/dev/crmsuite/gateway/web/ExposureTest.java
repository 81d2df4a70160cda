package dev.crmsuite.gateway.web;

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
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * What the public port shows: the API and its documentation, never health or metrics (those are on
 * the management port, for probes and Prometheus); every answer the gateway writes itself says
 * nosniff and no-store; absolute URLs never come from the request's Host or X-Forwarded-Host.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class ExposureTest {

    @TestHTTPResource("/")
    URL base;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL health;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void health_and_metrics_are_on_the_management_port_only() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            given().get(path).then().statusCode(404);
            given().header("Authorization", Credentials.admin()).get(path).then().statusCode(404);
        }
        given().get(health.toString()).then().statusCode(200);
        // Proxied paths are counted per service, not per id: no customer id ends up in a metric's tags.
        given().header("Authorization", Credentials.staff()).get("/api/v1/complaints/c-4711-secret").then().statusCode(200);
        String scraped = given().get(metrics.toString()).then().statusCode(200).extract().asString();
        assertThat(scraped).contains("http_server_requests").doesNotContain("c-4711-secret");
        assertThat(health.getPort()).isNotEqualTo(base.getPort());
    }

    @Test
    void the_documentation_stays_public() {
        given().get("/q/openapi").then().statusCode(200).contentType(startsWith("application/json"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    static void stamped(ValidatableResponse response) {
        response.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    @Test
    void every_answer_the_gateway_writes_itself_says_nosniff_and_no_store() {
        stamped(given().get("/api/v1/webhooks").then().statusCode(401));                                  // RESTEasy: anonymous
        stamped(given().header("X-API-Key", "crm_nope_nope").get("/api/v1/webhooks").then().statusCode(401)); // authentication
        stamped(given().header("Authorization", Credentials.viewer()).get("/api/v1/admin/api-keys").then().statusCode(403));
        stamped(given().header("Authorization", Credentials.admin()).get("/api/v1/admin/api-keys").then().statusCode(200));
        stamped(given().header("Authorization", Credentials.staff()).get("/api/v1/loyalty/accounts/1").then().statusCode(503)); // proxy
        stamped(given().header("Authorization", Credentials.staff()).get("/api/v1/complaints").then().statusCode(200));      // relayed
        stamped(given().get("/api/v1/nothing").then().statusCode(404));
        stamped(given().get("/q/openapi").then().statusCode(200));
        RawHttp.Answer refused = RawHttp.send(base, "GET", "/api/v1//complaints");
        assertThat(refused.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(refused.header("cache-control")).isEqualTo("no-store");
        RawHttp.Answer tooLarge = RawHttp.send(base, "POST", "/api/v1/complaints", "Content-Length", "5000000");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void locations_come_from_configuration_not_from_the_request() {
        String location = given().header("Authorization", Credentials.staff()).header("Host", "evil.example")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "gopher")
                .contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"crm.customer.registered.v1\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract().header("Location");
        assertThat(location).startsWith("http://localhost:8080/api/v1/webhooks/").doesNotContain("evil");
        given().header("Authorization", Credentials.staff()).delete(location.substring("http://localhost:8080".length()))
                .then().statusCode(204);
    }
}
