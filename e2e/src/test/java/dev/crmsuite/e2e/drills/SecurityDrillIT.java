package dev.crmsuite.e2e.drills;

import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.JwtKeys;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.crmsuite.e2e.drills.Drills.anonymous;
import static dev.crmsuite.e2e.drills.Drills.as;
import static dev.crmsuite.e2e.drills.Drills.issueKey;
import static dev.crmsuite.e2e.drills.Drills.register;
import static dev.crmsuite.e2e.drills.Drills.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Drill 7: the OWASP API Security Top 10 (2023) items that apply to this API, each attacked through
 * the gateway of the running suite as an outsider would. The attacks go straight to the gateway
 * ({@link Drills#as}, {@link Drills#withKey}, {@link Drills#anonymous}): missing or forged credentials
 * and refused bodies are what is tested, and the validating proxy would refuse many before the
 * gateway saw them. The set-up calls (registering, issuing keys) go through the proxy.
 */
@ExtendWith(RunningSuite.class)
class SecurityDrillIT {

    static final String ADMIN = "drill7-admin";
    static final String PROBLEM = "application/problem+json";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    // API1:2023 Broken object level authorisation

    @Test
    void a_partner_cannot_read_a_customer_who_did_not_consent_by_any_path() {
        String consenting = register(ADMIN, "Drill Seven Open", true);
        String privateCustomer = register(ADMIN, "Drill Seven Private", false);
        as(ADMIN, "admin").contentType(ContentType.JSON)
                .body(Map.of("externalOrderId", "D7-1", "amount", 300.00, "currency", "CNY", "discounted", false))
                .post("/api/v1/customers/" + privateCustomer + "/purchases").then().statusCode(201);
        String key = issueKey(ADMIN, "Drill 7 dealer", List.of("customers:read", "customers:write", "loyalty:read",
                "complaints:read", "surveys:read"))[1];
        // The control: the consenting customer is visible (once the consent reached the gateway).
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                withKey(key).get("/api/v1/customers/" + consenting).then().statusCode(200).body("id", equalTo(consenting)));
        // Exactly like an unknown id; a back-office read (the privacy export) may instead be refused
        // to every partner (403). Never a 2xx. The services decide this now, not the gateway.
        withKey(key).get("/api/v1/customers/" + privateCustomer).then().statusCode(404).contentType(startsWith(PROBLEM));
        for (String path : List.of("/purchases", "/touchpoints", "/timeline", "/history", "/overview", "/export",
                "/follow-ups", "/referrals")) {
            Response r = withKey(key).get("/api/v1/customers/" + privateCustomer + path);
            assertThat(r.statusCode()).as(path).isIn(403, 404);
            assertThat(r.contentType()).as(path).startsWith(PROBLEM);
        }
        withKey(key).get("/api/v1/loyalty/accounts/" + privateCustomer).then().statusCode(404).contentType(startsWith(PROBLEM));
        withKey(key).get("/api/v1/loyalty/accounts/" + privateCustomer + "/ledger").then().statusCode(404).contentType(startsWith(PROBLEM));
        // Nor may it write to them.
        withKey(key).contentType(ContentType.JSON)
                .body(Map.of("channel", "PARTNER", "direction", "INBOUND", "phase", "SALE", "summary", "probe"))
                .post("/api/v1/customers/" + privateCustomer + "/touchpoints").then().statusCode(404).contentType(startsWith(PROBLEM));
    }

    @Test
    void a_partner_cannot_see_or_delete_another_partners_webhook_subscription() {
        String[] a = issueKey(ADMIN, "Drill 7 partner A", List.of("customers:read", "webhooks:manage"));
        String[] b = issueKey(ADMIN, "Drill 7 partner B", List.of("customers:read", "webhooks:manage"));
        // 192.0.2.0/24 is TEST-NET-1: public (so allowed), never routed, and an IP literal needs no DNS.
        // The event type never occurs, so nothing is ever sent to it.
        String hook = withKey(a[1]).contentType(ContentType.JSON)
                .body(Map.of("url", "https://192.0.2.10/crm-events", "eventTypes", List.of("crm.drill.never.v1")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        withKey(a[1]).get("/api/v1/webhooks/" + hook).then().statusCode(200);
        withKey(b[1]).get("/api/v1/webhooks/" + hook).then().statusCode(404).contentType(startsWith(PROBLEM));
        withKey(b[1]).get("/api/v1/webhooks/" + hook + "/attempts").then().statusCode(404).contentType(startsWith(PROBLEM));
        withKey(b[1]).post("/api/v1/webhooks/" + hook + "/enable").then().statusCode(404).contentType(startsWith(PROBLEM));
        withKey(b[1]).delete("/api/v1/webhooks/" + hook).then().statusCode(404).contentType(startsWith(PROBLEM));
        assertThat(withKey(b[1]).get("/api/v1/webhooks").then().statusCode(200).extract().asString()).doesNotContain(hook);
        // B's attempts changed nothing: A still has it.
        withKey(a[1]).get("/api/v1/webhooks/" + hook).then().statusCode(200).body("id", equalTo(hook));
        withKey(a[1]).delete("/api/v1/webhooks/" + hook).then().statusCode(204);
    }

    // API2:2023 Broken authentication

    @Test
    void expired_forged_unsigned_foreign_and_overlong_tokens_are_refused() throws Exception {
        long now = Instant.now().getEpochSecond();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair stranger = generator.generateKeyPair();
        String valid = JwtKeys.token(JwtKeys.ISSUER, JwtKeys.AUDIENCE, now - 60, now + 600, "drill7-intruder", "admin");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", JwtKeys.token(JwtKeys.ISSUER, JwtKeys.AUDIENCE, now - 7200, now - 3600, "drill7-intruder", "admin"));
        tokens.put("forged signature", resign(valid, stranger.getPrivate()));
        tokens.put("wrong issuer", JwtKeys.token("https://attacker.example/", JwtKeys.AUDIENCE, now - 60, now + 600, "drill7-intruder", "admin"));
        tokens.put("another audience", JwtKeys.token(JwtKeys.ISSUER, "some-other-api", now - 60, now + 600, "drill7-intruder", "admin"));
        tokens.put("no audience", JwtKeys.token(JwtKeys.ISSUER, null, now - 60, now + 600, "drill7-intruder", "admin"));
        // Signed by the right key, but for ten years: the gateway caps a token's lifetime (24 h by default).
        tokens.put("ten-year lifetime", JwtKeys.token(JwtKeys.ISSUER, JwtKeys.AUDIENCE, now - 60, now + 10L * 365 * 86400,
                "drill7-intruder", "admin"));
        tokens.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + valid.split("\\.")[1] + ".");
        tokens.put("tampered claims", tamper(valid));
        tokens.put("garbage", "not-a-jwt");
        // The control: the valid token is accepted.
        anonymous().header("Authorization", "Bearer " + valid).get("/api/v1/admin/api-keys").then().statusCode(200);
        tokens.forEach((what, token) -> {
            Response r = anonymous().header("Authorization", "Bearer " + token).get("/api/v1/admin/api-keys");
            assertThat(r.statusCode()).as(what).isEqualTo(401);
            assertThat(r.contentType()).as(what).startsWith(PROBLEM);
        });
        anonymous().get("/api/v1/customers").then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    @Test
    void partner_keys_hold_only_known_scopes_and_never_admin() {
        for (List<String> scopes : List.of(List.of("admin"), List.of("customers:read", "admin"), List.of("customers:root"),
                List.of("customers:read", " customers:write"), List.of("*"))) {
            Response r = as(ADMIN, "admin").contentType(ContentType.JSON)
                    .body(Map.of("partner", "Drill 7 greedy", "scopes", scopes, "requestsPerMinute", 60))
                    .post("/api/v1/admin/api-keys");
            assertThat(r.statusCode()).as(scopes.toString()).isEqualTo(400);
            assertThat(r.contentType()).as(scopes.toString()).startsWith(PROBLEM);
        }
        assertThat(as(ADMIN, "admin").queryParam("limit", 200).get("/api/v1/admin/api-keys").then().statusCode(200)
                .extract().asString()).doesNotContain("Drill 7 greedy");
        // webhooks:manage is part of the closed set.
        issueKey(ADMIN, "Drill 7 hooks only", List.of("webhooks:manage"));
    }

    @Test
    void a_revoked_or_rotated_away_key_no_longer_opens_anything() {
        String[] key = issueKey(ADMIN, "Drill 7 revoked", List.of("customers:read"));
        withKey(key[1]).get("/api/v1/customers").then().statusCode(200);
        as(ADMIN, "admin").delete("/api/v1/admin/api-keys/" + key[0]).then().statusCode(204);
        withKey(key[1]).get("/api/v1/customers").then().statusCode(401).contentType(startsWith(PROBLEM));

        String[] rotated = issueKey(ADMIN, "Drill 7 rotated", List.of("customers:read"));
        String fresh = as(ADMIN, "admin").post("/api/v1/admin/api-keys/" + rotated[0] + "/rotation")
                .then().statusCode(201).extract().path("apiKey");
        withKey(fresh).get("/api/v1/customers").then().statusCode(200);
        withKey(rotated[1]).get("/api/v1/customers").then().statusCode(401).contentType(startsWith(PROBLEM));
        withKey(rotated[1] + "x").get("/api/v1/customers").then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    // API3:2023 Broken object property level authorisation (mass assignment)

    @Test
    void fields_that_are_not_settable_are_refused_and_never_applied() {
        String email = Drills.uniqueEmail("mass assignment");
        as(ADMIN, "admin").contentType(ContentType.JSON)
                .body(Map.of("name", "Mass Assignment", "email", email, "segment", "KEY_ACCOUNT", "balance", 1_000_000,
                        "stage", "LONG_TERM_PARTNER"))
                .post("/api/v1/customers").then().statusCode(400).contentType(startsWith(PROBLEM));
        assertThat(as(ADMIN, "admin").queryParam("q", email).get("/api/v1/customers").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();

        String id = register(ADMIN, "Mass Assignment Two", true);
        var before = as(ADMIN, "admin").get("/api/v1/customers/" + id).then().statusCode(200).extract();
        String etag = before.header("ETag");
        // Refused (400) or ignored (200 without a change): never applied.
        for (String patch : List.of("{\"segment\":\"KEY_ACCOUNT\"}", "{\"stage\":\"LONG_TERM_PARTNER\"}",
                "{\"valueTier\":\"A\"}", "{\"balance\":1000000}", "{\"id\":\"00000000-0000-0000-0000-000000000001\"}",
                "{\"version\":0}", "{\"segment\":\"KEY_ACCOUNT\",\"keyAccountByStaff\":true}")) {
            var r = as(ADMIN, "admin").contentType("application/merge-patch+json").header("If-Match", etag).body(patch)
                    .patch("/api/v1/customers/" + id).then().extract();
            assertThat(r.statusCode()).as(patch).isIn(200, 400);
            if (r.statusCode() == 400) {
                assertThat(r.contentType()).as(patch).startsWith(PROBLEM);
            } else {
                etag = r.header("ETag");
            }
            var now = as(ADMIN, "admin").get("/api/v1/customers/" + id).then().statusCode(200).extract();
            assertThat((Object) now.path("id")).as(patch).isEqualTo(id);
            assertThat((Object) now.path("segment")).as(patch).isEqualTo(before.path("segment"));
            assertThat((Object) now.path("stage")).as(patch).isEqualTo(before.path("stage"));
            assertThat((Object) now.path("valueTier")).as(patch).isEqualTo(before.path("valueTier"));
        }
        var after = as(ADMIN, "admin").get("/api/v1/customers/" + id).then().statusCode(200).extract();
        assertThat((Object) after.path("name")).isEqualTo("Mass Assignment Two");
        // Points only come from the ledger's rules: a purchase cannot carry its own.
        as(ADMIN, "admin").contentType(ContentType.JSON)
                .body(Map.of("externalOrderId", "D7-MASS", "amount", 10.00, "currency", "CNY", "points", 1_000_000))
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(400).contentType(startsWith(PROBLEM));
    }

    // API4:2023 Unrestricted resource consumption

    @Test
    void page_size_and_body_size_are_capped() {
        for (String path : List.of("/api/v1/customers", "/api/v1/complaints", "/api/v1/surveys", "/api/v1/survey-invitations")) {
            as(ADMIN, "admin").queryParam("limit", 100_000).get(path).then().statusCode(400).contentType(startsWith(PROBLEM));
        }
        String huge = "x".repeat(2 * 1024 * 1024);
        as(ADMIN, "admin").contentType(ContentType.JSON).body("{\"name\":\"" + huge + "\"}")
                .post("/api/v1/customers").then().statusCode(413).contentType(startsWith(PROBLEM));
        as(ADMIN, "admin").contentType(ContentType.JSON).body("{\"title\":\"" + huge + "\"}")
                .post("/api/v1/surveys").then().statusCode(413).contentType(startsWith(PROBLEM));
    }

    // API5:2023 Broken function level authorisation

    @Test
    void viewers_staff_and_partners_cannot_reach_admin_functions() {
        String[] key = issueKey(ADMIN, "Drill 7 nosy partner", List.of("customers:read", "customers:write", "loyalty:write"));
        List<String[]> adminCalls = List.of(new String[]{"GET", "/api/v1/admin/api-keys"},
                new String[]{"POST", "/api/v1/admin/api-keys"}, new String[]{"DELETE", "/api/v1/admin/api-keys/" + key[0]},
                new String[]{"POST", "/api/v1/admin/api-keys/" + key[0] + "/rotation"},
                new String[]{"POST", "/api/v1/admin/overview/rebuild"});
        for (String[] call : adminCalls) {
            for (var caller : List.of(as("drill7-viewer", "viewer"), as("drill7-staff", "staff"), withKey(key[1]))) {
                Response r = caller.contentType(ContentType.JSON)
                        .body("{\"partner\":\"x\",\"scopes\":[\"admin\"],\"requestsPerMinute\":1}").request(call[0], call[1]);
                assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(403);
                assertThat(r.contentType()).as(call[0] + " " + call[1]).startsWith(PROBLEM);
            }
        }
        // The viewer may read but not write.
        as("drill7-viewer", "viewer").get("/api/v1/customers").then().statusCode(200);
        as("drill7-viewer", "viewer").contentType(ContentType.JSON).body(Map.of("name", "Viewer Write"))
                .post("/api/v1/customers").then().statusCode(403).contentType(startsWith(PROBLEM));
        // The partner's key still works afterwards: none of the calls above revoked or rotated it.
        withKey(key[1]).get("/api/v1/customers").then().statusCode(200);
    }

    // API7:2023 Server side request forgery

    @Test
    void webhook_urls_into_the_local_network_are_refused() {
        String[] key = issueKey(ADMIN, "Drill 7 webhook manager", List.of("webhooks:manage"));
        List<String> internal = List.of("https://127.0.0.1/hook", "https://localhost/hook", "http://127.0.0.1:8080/api/v1/admin/api-keys",
                "https://10.0.0.1/hook", "https://172.16.5.4/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data/",
                "https://[::1]/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://0.0.0.0/hook", "https://100.64.0.1/hook",
                "https://user:secret@192.0.2.10/hook", "file:///etc/passwd", "gopher://127.0.0.1:25/", "ftp://192.0.2.10/",
                "http://192.0.2.10/plain-http", "https:///no-host", "not a url", "https://[::ffff:127.0.0.1]/hook",
                "https://2130706433/hook", "https://0x7f000001/hook", "https://224.0.0.1/hook");
        for (String url : internal) {
            Response r = withKey(key[1]).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("crm.drill.never.v1"))).post("/api/v1/webhooks");
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.contentType()).as(url).startsWith(PROBLEM);
        }
        // The control: a public address is accepted (and removed again).
        String id = withKey(key[1]).contentType(ContentType.JSON)
                .body(Map.of("url", "https://192.0.2.11/hook", "eventTypes", List.of("crm.drill.never.v1")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        withKey(key[1]).delete("/api/v1/webhooks/" + id).then().statusCode(204);
    }

    // -------------------------------------------------------------------------------- tokens

    /** The same header and claims, signed by another key. */
    private static String resign(String token, PrivateKey key) throws Exception {
        String[] parts = token.split("\\.");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    /** Keeps the signature, swaps the claims for a longer-lived super-user's. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        long now = Instant.now().getEpochSecond();
        String[] other = JwtKeys.token(JwtKeys.ISSUER, JwtKeys.AUDIENCE, now, now + 999_999, "root", "admin").split("\\.");
        return parts[0] + "." + other[1] + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
