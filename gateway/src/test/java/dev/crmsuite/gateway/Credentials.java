package dev.crmsuite.gateway;

import dev.crmsuite.platform.testing.JwtKeys;
import io.restassured.http.ContentType;

import java.util.Arrays;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

/** The gateway's callers in tests: frontend JWTs by role (crm.gateway.role-scopes) and partner API keys. */
public final class Credentials {

    private Credentials() {
    }

    public static String admin() {
        return JwtKeys.bearer("admin-1", "admin");
    }

    public static String staff() {
        return JwtKeys.bearer("staff-1", "staff");
    }

    public static String viewer() {
        return JwtKeys.bearer("viewer-1", "viewer");
    }

    /** A partner key holding {@code scopes}, with a generous rate limit. */
    public static String partnerKey(String... scopes) {
        return partnerKey(10_000, scopes);
    }

    public static String partnerKey(int requestsPerMinute, String... scopes) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"partner\":\"Acme Dealers\",\"scopes\":[" + Arrays.stream(scopes).map(s -> "\"" + s + "\"")
                        .collect(Collectors.joining(",")) + "],\"requestsPerMinute\":" + requestsPerMinute + "}")
                .post("/api/v1/admin/api-keys")
                .then().statusCode(201).body("apiKey", startsWith("crm_")).extract().path("apiKey");
    }
}
