package dev.crmsuite.complaint.access;

import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path in any spelling but its canonical one is refused with 400 problem+json on the service's own
 * port, before authentication: a dot segment, an empty segment, an encoded slash or backslash, an
 * encoded plain letter, a trailing slash or matrix parameters never reach a resource under another
 * name. Sent over a raw socket, so no HTTP client tidies the path on the way.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CanonicalPathTest {

    static final List<String> ODD = List.of(
            "/api/v1//complaints",
            "//api/v1/complaints",
            "/api/v1/complaints/x/%2e%2e/stats",
            "/api/v1/complaints/x/%2E%2E/stats",
            "/api/v1/complaints/x/%2e%2E/stats",
            "/api/v1/complaints/x/../stats",
            "/api/v1/./complaints",
            "/api/v1/%2e/complaints",
            "/api/v1/complaints%2fstats",
            "/api/v1/complaints%2Fstats",
            "/api/v1/complaints%5cstats",
            "/api/v1/complaints%5Cstats",
            "/api/v1/complaints\\stats",
            "/api/v1/compl%61ints",
            "/api/v1/complaints/st%61ts",
            "/api/v1/complaints/",
            "/api/v1/complaints/stats/",
            "/api/v1/complaints;x",
            "/api/v1/complaints/stats;x=1",
            "/api/v1/complaints/%00",
            "/api/v1/complaints/%c0%ae%c0%ae/stats");

    @Test
    void every_odd_spelling_is_a_400_problem_with_or_without_a_token() throws IOException {
        String admin = "Bearer " + InternalTokens.admin(Api.AUDIENCE);
        for (String path : ODD) {
            for (String authorization : new String[]{admin, null}) {
                Answer answer = get(path, authorization);
                assertThat(answer.status()).as(path).isEqualTo(400);
                if (path.contains("\\")) {
                    // A raw backslash is not even a URI: the HTTP server refuses it before any handler of ours.
                    continue;
                }
                assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
                assertThat(answer.body()).as(path).contains("non-canonical-path");
            }
        }
    }

    @Test
    void the_canonical_spelling_is_served() throws IOException {
        assertThat(get("/api/v1/complaints/stats", "Bearer " + InternalTokens.admin(Api.AUDIENCE)).status()).isEqualTo(200);
        assertThat(get("/api/v1/complaints/stats", null).status()).isEqualTo(401);
    }

    record Answer(int status, String contentType, String body) {
    }

    /** One HTTP/1.1 GET with the path exactly as written. */
    private static Answer get(String path, String authorization) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String contentType = "";
            for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new Answer(status, contentType, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
