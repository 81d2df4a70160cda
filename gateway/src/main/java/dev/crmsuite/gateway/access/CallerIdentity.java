package dev.crmsuite.gateway.access;

import dev.crmsuite.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * How the gateway's authenticated caller sits in a Quarkus {@link SecurityIdentity}: the platform
 * {@link Caller} as {@link Caller#ATTRIBUTE} (what the internal token is signed from, and what
 * {@code Callers} hands the gateway's own resources), roles = the caller's effective scopes (what
 * {@code @RolesAllowed(Scopes.X)} checks), and the caller's rate limit.
 */
public final class CallerIdentity {

    /** Requests per minute this caller may make (a partner key's own limit, or the frontend users' one). */
    public static final String RATE_LIMIT = "crm.rate-limit";
    /** What a failed authentication answers: the two ways to present credentials. */
    public static final String CHALLENGE = "Bearer, ApiKey header=\"X-API-Key\"";

    private CallerIdentity() {
    }

    /** A fresh identity: only the caller's scopes as roles, whatever roles the credential named. */
    static SecurityIdentity of(Caller caller, int requestsPerMinute, SecurityIdentity from) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(from != null ? from.getPrincipal() : new QuarkusPrincipal(caller.id()));
        if (from != null) {
            builder.addCredentials(from.getCredentials()).addAttributes(from.getAttributes());
        }
        return builder.addRoles(caller.scopes())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .addAttribute(RATE_LIMIT, requestsPerMinute)
                .build();
    }

    /** Compiled once: String.replaceAll compiled it on every request (3% of the gateway's CPU per proxied read, JFR). */
    private static final java.util.regex.Pattern NOT_PRINTABLE = java.util.regex.Pattern.compile("[^\\p{L}\\p{N} ._@-]");

    /**
     * The name recorded in the services' audits for a caller: the given name reduced to letters,
     * digits and {@code ' ._@-'} (an audit trail is read by people and tools; a name from an identity
     * provider or a key's partner field is not trusted to be printable), at most 100 characters.
     */
    static String actor(String name, String fallback) {
        String cleaned = name == null ? "" : NOT_PRINTABLE.matcher(name).replaceAll("-").trim();
        if (cleaned.isEmpty()) {
            cleaned = fallback;
        }
        return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }

    /** The identity Quarkus authenticated for this request (anonymous when no credentials came). */
    public static SecurityIdentity of(RoutingContext rc) {
        return rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    /** The caller of this request: the authenticated one, or {@link Caller#anonymous()}. */
    public static Caller callerOf(RoutingContext rc) {
        SecurityIdentity identity = of(rc);
        Caller caller = identity == null ? null : identity.getAttribute(Caller.ATTRIBUTE);
        return caller != null ? caller : Caller.anonymous();
    }
}
