package dev.crmsuite.loyalty.support;

import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;

import java.time.Instant;
import java.util.List;

/**
 * Authorization headers for the callers the gateway forwards, signed as the gateway signs them
 * (a fresh two-minute token on every call). Send one with {@code given().header("Authorization", ...)};
 * without it the test kit sends an admin.
 */
public final class Tokens {

    public static final String AUDIENCE = "loyalty-service";

    private Tokens() {
    }

    public static String admin() {
        return bearer(InternalTokens.admin(AUDIENCE));
    }

    /** Staff with every scope but admin. */
    public static String staff() {
        return bearer(InternalTokens.token(AUDIENCE, "user:staff-1", "staff", null, "Sam Staff", allButAdmin()));
    }

    /** Staff with the read scopes only. */
    public static String viewer() {
        return bearer(InternalTokens.token(AUDIENCE, "user:viewer-1", "staff", null, "Vic Viewer",
                Scopes.ALL.stream().filter(s -> s.endsWith(":read")).sorted().toList()));
    }

    public static String partner(String partnerId, String... scopes) {
        return bearer(InternalTokens.partner(AUDIENCE, partnerId, scopes));
    }

    /** A partner key holding every scope a partner may hold (all but admin). */
    public static String partnerWithEveryScope(String partnerId) {
        return partner(partnerId, allButAdmin().toArray(String[]::new));
    }

    public static String anonymous() {
        return bearer(InternalTokens.anonymous(AUDIENCE));
    }

    /** An admin token signed for another service. */
    public static String otherAudience() {
        return bearer(InternalTokens.admin("customer-service"));
    }

    /** An admin token that expired five minutes ago. */
    public static String expired() {
        long now = Instant.now().getEpochSecond();
        return bearer(InternalTokens.sign(AUDIENCE, "user:test-admin", "staff", null, "test-admin", List.of(Scopes.ADMIN),
                now - 420, now - 300, InternalTokens.ISSUER));
    }

    /** An admin token valid for a day: longer than any token the gateway issues. */
    public static String tooLong() {
        long now = Instant.now().getEpochSecond();
        return bearer(InternalTokens.sign(AUDIENCE, "user:test-admin", "staff", null, "test-admin", List.of(Scopes.ADMIN),
                now, now + 86_400, InternalTokens.ISSUER));
    }

    /** An admin token from an issuer that is not the gateway (signed with the right key all the same). */
    public static String otherIssuer() {
        long now = Instant.now().getEpochSecond();
        return bearer(InternalTokens.sign(AUDIENCE, "user:test-admin", "staff", null, "test-admin", List.of(Scopes.ADMIN),
                now, now + 120, "someone-else"));
    }

    /** An admin token whose signature does not match its content. */
    public static String forged() {
        String token = InternalTokens.admin(AUDIENCE);
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("test-admin", "test-adm1n");
        return bearer(parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    /** Send as Authorization for no credentials at all. */
    public static String none() {
        return InternalTokens.NO_TOKEN;
    }

    private static List<String> allButAdmin() {
        return Scopes.GRANTABLE_TO_PARTNERS.stream().sorted().toList();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
