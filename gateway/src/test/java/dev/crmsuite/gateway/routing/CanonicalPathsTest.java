package dev.crmsuite.gateway.routing;

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
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing and authorisation read one canonical path: every other spelling of a path is 400
 * problem+json before authentication (so bad credentials change nothing), on proxied operations and
 * on the gateway's own, and nothing is forwarded or changed. Includes the attacks of issue 15.
 * Requests go out on a raw socket, byte for byte, so no client library tidies the path first.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class CanonicalPathsTest {

    @TestHTTPResource("/")
    URL base;

    /** Spellings of a proxied operation ({@code /api/v1/complaints/c-1}) and of the gateway's own ({@code /api/v1/admin/api-keys}). */
    static final List<String> ODD = List.of(
            "/api/v1//complaints/c-1", "/api/v1/complaints//c-1", "/api/v1/complaints/c-1/",
            "/api/v1/complaints/./c-1", "/api/v1/x/../complaints/c-1", "/api/v1/x/%2e%2e/complaints/c-1",
            "/api/v1/x/%2E%2E/complaints/c-1", "/api/v1/x/.%2e/complaints/c-1", "/api/v1/complaints/%2e/c-1",
            "/api/v1/complaints%2fc-1", "/api/v1/complaints%2Fc-1", "/api/v1/complaints%5cc-1", "/api/v1/complaints\\c-1",
            "/api/v1/%63omplaints/c-1", "/api/v1/complaints;x=1/c-1", "/api/v1/complaints/c-1;x",
            "/api/v1/complaints/%00", "/api/v1/complaints/%c0%ae%c0%ae",
            "/api/v1/complaints/%ZZ", "/api/v1/complaints/c-1%", "/api/v1/complaints/%4", "/api/v1/%zzmin/api-keys",
            "/api/v1//admin/api-keys", "/api/v1/admin//api-keys", "/api/v1/admin/api-keys/", "/api/v1/%61dmin/api-keys",
            "/api/v1/partner/%2e%2e/admin/api-keys", "/api/v1/partner/%2E%2E/admin/api-keys", "/api/v1/partner/../admin/api-keys",
            "/api/v1/./admin/api-keys", "/api/v1/admin%2fapi-keys", "/api/v1/admin%5capi-keys", "/api/v1/admin\\api-keys",
            "/api/v1/admin;x/api-keys", "/api/v1/survey-invitations/%2e", "/api/v1/survey-invitations/.",
            "/api/v1/customers/%2e%2e/%2e%2e/%2e%2e/q/metrics", "//q/metrics");

    static void assertRefused(RawHttp.Answer answer, String path) {
        assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
        if (path.contains("\\")) {
            // Vert.x refuses a raw backslash while parsing the request line, before any handler runs:
            // a bare 400 and the connection closed (no problem+json is possible there).
            assertThat(answer.header("connection")).as(path).isEqualTo("close");
            return;
        }
        assertThat(answer.header("content-type")).as(path).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asText()).as(path).isEqualTo("https://crmsuite.dev/problems/non-canonical-path");
        assertThat(answer.header("x-content-type-options")).as(path).isEqualTo("nosniff");
        assertThat(answer.header("www-authenticate")).as(path).isNull();
    }

    @Test
    void every_other_spelling_is_400_before_authentication_and_nothing_is_forwarded() {
        int forwarded = FakeService.count();
        String admin = Credentials.admin();
        for (String path : ODD) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                assertRefused(RawHttp.send(base, method, path), path);
                assertRefused(RawHttp.send(base, method, path, "Authorization", admin), path);
                // Bad credentials still get the 400: the path is refused before anyone looks at them.
                assertRefused(RawHttp.send(base, method, path, "X-API-Key", "crm_nope_nope"), path);
                assertRefused(RawHttp.send(base, method, path, "Authorization", "Bearer not.a.token"), path);
            }
        }
        assertThat(FakeService.count()).as("requests that reached the service").isEqualTo(forwarded);
    }

    @Test
    void the_attacks_of_issue_15_create_delete_and_read_nothing() {
        String key = Credentials.partnerKey("customers:read");
        String victim = given().header("Authorization", Credentials.admin()).contentType("application/json")
                .body("{\"partner\":\"Victim\",\"scopes\":[\"customers:read\"],\"requestsPerMinute\":10}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("id");
        List<String> before = keyIds();
        String body = "{\"partner\":\"x\",\"scopes\":[\"admin\"],\"requestsPerMinute\":100}";
        for (String[] as : List.of(new String[] {"X-API-Key", key}, new String[] {"Authorization", Credentials.viewer()},
                new String[] {"Authorization", Credentials.staff()})) {
            assertRefused(RawHttp.send(base, "GET", "/api/v1//admin/api-keys", as), "//admin");
            assertRefused(RawHttp.sendJson(base, "POST", "/api/v1/partner/%2e%2e/admin/api-keys", body, as), "%2e%2e POST");
            assertRefused(RawHttp.send(base, "DELETE", "/api/v1/partner/%2e%2e/admin/api-keys/" + victim, as), "%2e%2e DELETE");
            assertRefused(RawHttp.send(base, "GET", "/api/v1/survey-invitations/%2e", as), "%2e");
            // The plain spelling is a 403 for all of them: admin is staff-only with the admin scope.
            assertThat(RawHttp.send(base, "GET", "/api/v1/admin/api-keys", as).status()).isEqualTo(403);
        }
        assertRefused(RawHttp.send(base, "GET", "/api/v1/survey-invitations/%2e"), "anonymous %2e");
        assertThat(keyIds()).isEqualTo(before);
    }

    /**
     * A query string that is not valid percent-encoding: Vert.x refuses it while matching the first
     * route, before any handler of ours; it is still 400 problem+json and nothing is forwarded.
     */
    @Test
    void a_malformed_query_string_is_400_problem_json_and_nothing_is_forwarded() {
        int forwarded = FakeService.count();
        for (String target : List.of("/api/v1/complaints?q=%ZZ", "/api/v1/complaints?q=a%", "/api/v1/admin/api-keys?limit=%4")) {
            for (String[] as : List.of(new String[0], new String[] {"Authorization", Credentials.admin()},
                    new String[] {"X-API-Key", "crm_nope_nope"})) {
                RawHttp.Answer answer = RawHttp.send(base, "GET", target, as);
                assertThat(answer.status()).as(target + " " + answer).isEqualTo(400);
                assertThat(answer.header("content-type")).as(target).startsWith("application/problem+json");
                assertThat(answer.json().path("type").asText()).as(target).isEqualTo("https://crmsuite.dev/problems/validation");
                assertThat(answer.json().path("detail").asText()).as(target).contains("percent-encoding");
                assertThat(answer.header("x-request-id")).as(target).isNotBlank();
            }
        }
        assertThat(FakeService.count()).as("requests that reached the service").isEqualTo(forwarded);
    }

    static List<String> keyIds() {
        return given().header("Authorization", Credentials.admin()).queryParam("limit", 200).get("/api/v1/admin/api-keys")
                .then().statusCode(200).extract().path("items.id");
    }

    @Test
    void the_canonical_spelling_still_works() {
        assertThat(RawHttp.send(base, "GET", "/api/v1/complaints/c-1", "Authorization", Credentials.staff()).status()).isEqualTo(200);
        assertThat(RawHttp.send(base, "GET", "/api/v1/complaints?q=a%2fb&x=..", "Authorization", Credentials.staff()).status())
                .as("the query string is the service's to judge").isEqualTo(200);
        assertThat(RawHttp.send(base, "GET", "/api/v1/admin/api-keys", "Authorization", Credentials.admin()).status()).isEqualTo(200);
        // An absolute-form request target: the service gets the path and query only.
        assertThat(RawHttp.send(base, "GET", "http://evil.example/api/v1/complaints?x=1", "Authorization", Credentials.staff()).status())
                .isEqualTo(200);
        assertThat(FakeService.last().rawPath()).isEqualTo("/api/v1/complaints");
        assertThat(FakeService.last().header("host")).doesNotContain("evil");
    }
}
