package dev.crmsuite.loyalty.access;

import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.loyalty.support.Tokens;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The service answers its API only under one spelling of each path (anything else is 400
 * problem+json before authentication, so no spelling reaches an operation its caller may not
 * reach), and health and metrics only on the management port.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PathsAndPortsTest {

    @TestHTTPResource("/")
    URL api;
    @TestHTTPResource(value = "/health/live", management = true)
    URL health;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /** A status line and body exactly as the server answered a request line sent byte for byte (no client rewrites the path). */
    record Raw(int status, String head, String body) {
    }

    Raw raw(String method, String path, String authorization, String body) throws IOException {
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            if (authorization != null) {
                request.append("Authorization: ").append(authorization).append("\r\n");
            }
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\n");
            }
            request.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : text.substring(split + 4));
        }
    }

    @Test
    void a_path_in_any_but_its_canonical_spelling_is_400_problem_json_and_does_nothing() throws IOException {
        String customer = Loyalty.member(true);
        Loyalty.bonus(customer, 100);
        String before = given().get(BASE + "/accounts/" + customer).then().statusCode(200).extract().asString();
        String partner = Tokens.partner("acme", Scopes.LOYALTY_READ);
        String adjustment = "{\"kind\":\"BONUS\",\"points\":1000,\"reason\":\"spelling\"}";

        assertThat(raw("GET", BASE + "/tiers", Tokens.admin(), null).status()).isEqualTo(200);
        List<String> spellings = List.of(
                "/api/v1//loyalty/tiers",
                "//api/v1/loyalty/tiers",
                "/api/v1/loyalty/x/%2e%2e/tiers",
                "/api/v1/loyalty/x/%2E%2E/tiers",
                "/api/v1/loyalty/x/../tiers",
                "/api/v1/loyalty/./tiers",
                "/api/v1/loyalty/%2e/tiers",
                "/api/v1/loyalty%2ftiers",
                "/api/v1/loyalty%2Ftiers",
                "/api/v1/loyalty%5ctiers",
                "/api/v1/loyalty\\tiers",
                "/api/v1/loy%61lty/tiers",
                "/api/v1/loyalty/tiers/",
                "/api/v1/loyalty/tiers;x",
                "/api/v1/loyalty/accounts/" + customer + ";x",
                "/api/v1/loyalty/accounts/" + customer + "/%2e%2e/" + customer,
                "/api/v1/loyalty/accounts/%2e%2e/%2e%2e/%2e%2e/q/metrics",
                "/api/v1/loyalty/tiers%00",
                "/api/v1/loyalty/%c0%ae%c0%ae/tiers");
        List<String> failures = new ArrayList<>();
        for (String path : spellings) {
            for (String authorization : new String[]{Tokens.admin(), partner, null}) {
                Raw answer = raw("GET", path, authorization, null);
                // A raw backslash never reaches a handler: Vert.x's request-line parser answers a bare 400 itself.
                boolean problem = path.contains("\\") || answer.head().toLowerCase().contains("content-type: application/problem+json");
                if (answer.status() != 400 || !problem) {
                    failures.add("GET " + path + " -> " + answer.head());
                }
            }
        }
        for (String path : List.of("/api/v1/loyalty/x/%2e%2e/accounts/" + customer + "/adjustments",
                "/api/v1/loyalty/accounts//" + customer + "/adjustments",
                "/api/v1/loyalty/accounts/" + customer + "/adjustments/",
                "/api/v1/loyalty/accounts/" + customer + "/./adjustments",
                "/api/v1/loyalty/accounts/" + customer + "/%61djustments")) {
            for (String authorization : new String[]{Tokens.admin(), Tokens.partnerWithEveryScope("acme")}) {
                Raw answer = raw("POST", path, authorization, adjustment);
                if (answer.status() != 400) {
                    failures.add("POST " + path + " -> " + answer.status());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(raw("GET", "/api/v1/loyalty/x/%2e%2e/tiers", null, null).body()).contains("non-canonical-path");
        given().get(BASE + "/accounts/" + customer).then().statusCode(200).body(equalTo(before));
    }

    @Test
    void health_and_metrics_are_on_the_management_port_only_and_the_api_port_keeps_the_documentation() throws IOException {
        given().get(health).then().statusCode(200);
        given().get(metrics).then().statusCode(200);
        assertThat(health.getPort()).isNotEqualTo(api.getPort());
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics")) {
            assertThat(raw("GET", path, null, null).status()).as(path).isNotEqualTo(200);
            assertThat(raw("GET", path, Tokens.admin(), null).status()).as(path).isNotEqualTo(200);
        }
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void a_direct_call_without_the_gateways_token_gets_nothing() throws IOException {
        String customer = Loyalty.member(true);
        for (String authorization : new String[]{null, "Bearer not-a-token", Tokens.otherAudience(), Tokens.expired(), "Basic YWRtaW46YWRtaW4="}) {
            Raw answer = raw("GET", BASE + "/accounts/" + customer, authorization, null);
            assertThat(answer.status()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("balance");
        }
    }
}
