package dev.crmsuite.e2e.drills;

import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.JwtKeys;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * What the drills share: callers of the running suite's gateway and small fixtures. {@link #as},
 * {@link #withKey} and {@link #anonymous} go to the gateway directly, because drills send invalid
 * input and attacks on purpose (the validating proxy would refuse those before the gateway saw them);
 * the fixtures ({@link #register}, {@link #issueKey}) and {@link #partner} are ordinary documented
 * calls and go through the validating proxy ({@link RunningSuite#api()}).
 */
final class Drills {

    private Drills() {
    }

    /** An admin frontend user. Each drill uses its own subject so one drill's traffic never eats another's rate limit. */
    static RequestSpecification as(String subject, String... roles) {
        return given().baseUri(RunningSuite.gateway()).header("Authorization", JwtKeys.bearer(subject, roles));
    }

    static RequestSpecification withKey(String apiKey) {
        return given().baseUri(RunningSuite.gateway()).header("X-API-Key", apiKey);
    }

    /** A partner calling the documented API the normal way, through the validating proxy. */
    static RequestSpecification partner(String apiKey) {
        return given().baseUri(RunningSuite.api()).header("X-API-Key", apiKey);
    }

    static RequestSpecification asAdminChecked(String subject) {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer(subject, "admin"));
    }

    static RequestSpecification anonymous() {
        return given().baseUri(RunningSuite.gateway());
    }

    static String register(String admin, String name, boolean partnerSharing) {
        return asAdminChecked(admin).contentType(ContentType.JSON)
                .body(Map.of("kind", "PERSON", "name", name, "email", uniqueEmail(name),
                        "consents", Map.of("marketing", true, "partnerSharing", partnerSharing)))
                .post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    static String uniqueEmail(String hint) {
        return hint.toLowerCase().replaceAll("[^a-z0-9]+", ".") + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Issues a partner key; returns {id, apiKey}. */
    static String[] issueKey(String admin, String partner, List<String> scopes) {
        var issued = asAdminChecked(admin).contentType(ContentType.JSON)
                .body(Map.of("partner", partner, "scopes", scopes, "requestsPerMinute", 60_000))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        return new String[]{issued.path("id"), issued.path("apiKey")};
    }
}
