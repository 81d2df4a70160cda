package dev.crmsuite.survey.access;

import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Odd spellings of a path are refused with 400 problem+json before authentication, on the
 * service's own port, whoever calls: once {@code /api/v1/survey-invitations/%2e} answered the
 * invitation list, with live answer tokens, to anyone without credentials. Requests go over a raw
 * socket so no HTTP client normalises the path on the way.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PathSpellingTest {

    private static final String PROBLEM_TYPE = "https://crmsuite.dev/problems/non-canonical-path";

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {
            "/api/v1/survey-invitations/%2e",
            "/api/v1/survey-invitations/%2E",
            "/api/v1/survey-invitations/.",
            "/api/v1/survey-invitations/./",
            "/api/v1/survey-invitations/",
            "/api/v1//survey-invitations",
            "/api/v1/./survey-invitations",
            "/api/v1/surveys/../survey-invitations",
            "/api/v1/surveys/%2e%2e/survey-invitations",
            "/api/v1/surveys/%2E%2E/survey-invitations",
            "/api/v1/surveys/.%2e/survey-invitations",
            "/api/v1/surveys%2f..%2fsurvey-invitations",
            "/api/v1/surveys%2F..%2Fsurvey-invitations",
            "/api/v1/surveys%5c..%5csurvey-invitations",
            "/api/v1/survey-invit%61tions",
            "/api/v1/%61nalytics/satisfaction",
            "/api/v1/surveys/",
            "/api/v1/survey-invitations;x",
            "/api/v1/survey-invitations/x;x/responses",
            "/api/v1/survey-invitations/%00",
            "/api/v1/survey-invitations/%c0%ae",
            "/api/v1/surveys/%2e%2e/%2e%2e/%2e%2e/q/metrics",
            "/q/%2e%2e/api/v1/survey-invitations",
    })
    void an_odd_spelling_is_refused_before_anyone_is_asked_who_calls(String path) throws IOException {
        for (String authorization : new String[]{null, "Bearer " + InternalTokens.anonymous(CallerKind.AUDIENCE),
                "Bearer " + InternalTokens.admin(CallerKind.AUDIENCE)}) {
            RawAnswer answer = get(path, authorization);
            assertThat(answer.status()).as("%s with %s", path, authorization).isEqualTo(400);
            assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
            assertThat(TopicRecords.parse(answer.body()).get("type").asText()).isEqualTo(PROBLEM_TYPE);
        }
    }

    @Test
    void a_raw_backslash_is_refused_by_the_http_server_itself() throws IOException {
        // Not a legal character in a request line: Vert.x answers 400 (bare) before any handler of ours.
        for (String authorization : new String[]{null, "Bearer " + InternalTokens.admin(CallerKind.AUDIENCE)}) {
            RawAnswer answer = get("/api/v1/surveys\\..\\survey-invitations", authorization);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain("items");
        }
    }

    @Test
    void the_dot_that_once_listed_every_invitation_lists_nothing() throws IOException {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        for (String path : new String[]{"/api/v1/survey-invitations/%2e", "/api/v1/survey-invitations/%2e?customerId=" + invited.customerId()}) {
            RawAnswer answer = get(path, null);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain(invited.token()).doesNotContain(invited.customerId());
        }
        // The canonical spelling without credentials is no way around it either.
        RawAnswer plain = get("/api/v1/survey-invitations?customerId=" + invited.customerId(), null);
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.body()).doesNotContain(invited.token());
        RawAnswer anonymous = get("/api/v1/survey-invitations?customerId=" + invited.customerId(),
                "Bearer " + InternalTokens.anonymous(CallerKind.AUDIENCE));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain(invited.token());
    }

    record RawAnswer(int status, String head, String body) {
    }

    /** One HTTP/1.1 request with the path exactly as written. */
    static RawAnswer get(String path, String authorization) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new RawAnswer(status, head, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
