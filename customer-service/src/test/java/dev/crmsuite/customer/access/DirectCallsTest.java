package dev.crmsuite.customer.access;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What someone who reaches the service port directly gets: 401 without the gateway's valid token
 * for this service, 400 for any path that is not in its one canonical spelling, and no health or
 * metrics (those are on the management port only).
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class DirectCallsTest {

    static final String AUD = Api.AUDIENCE;

    /** Relative to the management root path (/q): the management port's /q/health/live and /q/metrics. */
    @TestHTTPResource(value = "/health/live", management = true)
    URL health;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void without_a_valid_token_for_this_service_every_api_call_is_401() {
        String customer = Fixture.customer(true);
        long now = Instant.now().getEpochSecond();
        List<String> customersRead = List.of("customers:read");
        List<String> invalid = List.of(
                InternalTokens.NO_TOKEN,
                "Bearer " + InternalTokens.admin("loyalty-service"),
                "Bearer " + InternalTokens.admin("crm-gateway"),
                // expired
                "Bearer " + InternalTokens.sign(AUD, "user:x", "staff", null, "x", customersRead, now - 600, now - 300, InternalTokens.ISSUER),
                // valid for longer than a gateway token can be
                "Bearer " + InternalTokens.sign(AUD, "user:x", "staff", null, "x", customersRead, now, now + 3600, InternalTokens.ISSUER),
                // not issued by the gateway
                "Bearer " + InternalTokens.sign(AUD, "user:x", "staff", null, "x", customersRead, now, now + 120, "someone-else"),
                // signed with another key
                "Bearer " + signedWithAnotherKey(now),
                // a partner token that does not name the partner
                "Bearer " + InternalTokens.token(AUD, "partner:p", "partner", null, "p", customersRead),
                "Bearer not-a-jwt",
                "Basic YWRtaW46YWRtaW4=");
        for (String authorization : invalid) {
            for (String path : List.of("/api/v1/customers", "/api/v1/customers/" + customer, "/api/v1/analytics/customers")) {
                given().header("Authorization", authorization).get(path).then().statusCode(401);
            }
            given().header("Authorization", authorization).contentType("application/json").body("{\"name\":\"Direct\",\"email\":\"" + Api.email() + "\"}")
                    .post("/api/v1/customers").then().statusCode(401);
        }
        // The anonymous token passes the gateway check but no operation of this service is public.
        given().header("Authorization", "Bearer " + InternalTokens.anonymous(AUD)).get("/api/v1/customers/" + customer).then().statusCode(401);
        // The same request with a valid token is answered.
        given().header("Authorization", "Bearer " + InternalTokens.staff(AUD, "customers:read")).get("/api/v1/customers/" + customer)
                .then().statusCode(200);
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser parser;

    @Test
    void a_remembered_token_is_believed_only_in_its_exact_spelling() {
        // Tokens are verified once and then remembered (platform VerifiedTokens, the parser in use here).
        assertThat(parser).isInstanceOf(dev.crmsuite.platform.security.VerifiedTokens.class);
        String customer = Fixture.customer(true);
        String token = InternalTokens.staff(AUD, "customers:read");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).get("/api/v1/customers/" + customer).then().statusCode(200);
        }
        // The same claims with a damaged signature, or the payload changed under the remembered signature: 401.
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        String otherClaims = InternalTokens.admin(AUD).split("\\.")[1];
        for (String forged : List.of(badSignature, parts[0] + "." + otherClaims + "." + parts[2], token.substring(1))) {
            given().header("Authorization", "Bearer " + forged).get("/api/v1/customers/" + customer).then().statusCode(401);
        }
    }

    /** A well-formed internal token, signed by a key that is not the gateway's. */
    static String signedWithAnotherKey(long now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(("{\"iss\":\"" + InternalTokens.ISSUER + "\",\"aud\":\"" + AUD + "\",\"sub\":\"user:x\","
                    + "\"kind\":\"staff\",\"actor\":\"x\",\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 120) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_path_not_in_its_canonical_spelling_is_400_before_anything_reads_it() throws IOException {
        String customer = Fixture.customer(true);
        List<String> odd = List.of(
                "/api/v1//customers",
                "/api/v1/customers//" + customer,
                "/api/v1/customers/x/%2e%2e/" + customer,
                "/api/v1/customers/x/%2E%2E/" + customer,
                "/api/v1/customers/x/../" + customer,
                "/api/v1/./customers/" + customer,
                "/api/v1/customers/%2e/" + customer,
                "/api/v1/customers%2f" + customer,
                "/api/v1/customers%2F" + customer,
                "/api/v1/customers%5c" + customer,
                "/api/v1/customers\\" + customer,
                "/api/v1/%61nalytics/customers",
                "/api/v1/customers/" + customer + "/",
                "/api/v1/customers/",
                "/api/v1/customers;x/" + customer,
                "/api/v1/customers/" + customer + ";jsessionid=1",
                "/api/v1/customers/%00" + customer,
                "/api/v1/customers/%ZZ",
                "/api/v1/customers/" + customer + "%",
                "/api/v1/customers/%4" + customer,
                "/api/v1/customers?q=%ZZ",
                "/api/v1/customers/" + customer + "/timeline?limit=%4",
                "/api/v1/customers/x/%2e%2e/%2e%2e/%2e%2e/q/metrics");
        List<String> failures = new ArrayList<>();
        for (String path : odd) {
            // Raw, so no client library normalises the path before it is sent; and as an admin, so 400 is not about who asks.
            String answer = raw("GET", path, "Bearer " + InternalTokens.admin(AUD));
            // A raw backslash is refused by the HTTP server itself, before any handler (so without a problem body).
            boolean problem = path.contains("\\") || answer.toLowerCase().contains("content-type: application/problem+json");
            if (!answer.startsWith("HTTP/1.1 400") || !problem) {
                failures.add(path + " -> " + answer.lines().findFirst().orElse("") + " " + answer.replaceAll("(?s).*\r\n\r\n", ""));
            }
        }
        assertThat(failures).isEmpty();
        // The canonical spelling of the same requests is answered.
        assertThat(raw("GET", "/api/v1/customers/" + customer, "Bearer " + InternalTokens.admin(AUD))).startsWith("HTTP/1.1 200");
        given().urlEncodingEnabled(false).get("/api/v1/customers/x/%2E%2E/" + customer).then().statusCode(400)
                .contentType("application/problem+json").body("type", containsString("non-canonical-path"));
    }

    /** One HTTP/1.1 request on a socket: the path exactly as written. Returns the status line, headers and body. */
    static String raw(String method, String path, String authorization) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void health_and_metrics_are_on_the_management_port_only() {
        assertThat(health.getPath()).isEqualTo("/q/health/live");
        assertThat(health.getPort()).isNotEqualTo(RestAssured.port);
        given().header("Authorization", InternalTokens.NO_TOKEN).get(health).then().statusCode(200).body("status", equalTo("UP"));
        given().header("Authorization", InternalTokens.NO_TOKEN).get(metrics).then().statusCode(200).body(containsString("jvm_"));
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/metrics")) {
            given().get(path).then().statusCode(404);
        }
        // The API documentation stays on the API port, public.
        given().header("Authorization", InternalTokens.NO_TOKEN).get("/q/openapi").then().statusCode(200);
    }
}
