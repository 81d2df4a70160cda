package dev.crmsuite.survey.access;

import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The kinds of caller the access tests try, each as the Authorization header it sends: nobody,
 * tokens the service must refuse, and the callers the gateway forwards (anonymous, partner, staff).
 */
enum CallerKind {
    /** No token at all: a direct call to the service port. */
    NONE(false, null, Set.of()),
    /** The gateway's token for a customer without credentials (public operations only). */
    ANONYMOUS(true, "anonymous", Set.of()),
    /** An admin token minted for another service. */
    OTHER_AUDIENCE(false, null, Set.of()),
    /** An admin token that expired five minutes ago. */
    EXPIRED(false, null, Set.of()),
    /** A partner whose key holds one scope unrelated to surveys. */
    PARTNER_ONE_SCOPE(true, "partner", Set.of(Scopes.CUSTOMERS_READ)),
    /** A partner whose key holds every scope a partner can hold (all but admin). */
    PARTNER_ALL_BUT_ADMIN(true, "partner", Scopes.GRANTABLE_TO_PARTNERS),
    /** A member of staff who may read everything and change nothing. */
    VIEWER(true, "staff", Set.of(Scopes.CUSTOMERS_READ, Scopes.LOYALTY_READ, Scopes.COMPLAINTS_READ, Scopes.SURVEYS_READ)),
    /** A member of staff with every scope but admin. */
    STAFF_ALL_BUT_ADMIN(true, "staff", Scopes.GRANTABLE_TO_PARTNERS),
    ADMIN(true, "staff", Set.of(Scopes.ADMIN));

    static final String AUDIENCE = "survey-service";

    /** Whether the service accepts the token at all. */
    final boolean verified;
    final String kind;
    final Set<String> scopes;

    CallerKind(boolean verified, String kind, Set<String> scopes) {
        this.verified = verified;
        this.kind = kind;
        this.scopes = scopes;
    }

    /** The Authorization header value (signed now, so it is always fresh). */
    String authorization() {
        return switch (this) {
            case NONE -> InternalTokens.NO_TOKEN;
            case ANONYMOUS -> bearer(InternalTokens.anonymous(AUDIENCE));
            case OTHER_AUDIENCE -> bearer(InternalTokens.admin("customer-service"));
            case EXPIRED -> {
                long now = Instant.now().getEpochSecond();
                yield bearer(InternalTokens.sign(AUDIENCE, "user:expired", "staff", null, "expired", List.of(Scopes.ADMIN),
                        now - 600, now - 300, InternalTokens.ISSUER));
            }
            case PARTNER_ONE_SCOPE, PARTNER_ALL_BUT_ADMIN ->
                    bearer(InternalTokens.partner(AUDIENCE, "p-" + name().toLowerCase(), scopes.toArray(String[]::new)));
            case VIEWER, STAFF_ALL_BUT_ADMIN -> bearer(InternalTokens.token(AUDIENCE, "user:" + name().toLowerCase(), "staff", null,
                    name().toLowerCase(), List.copyOf(scopes)));
            case ADMIN -> bearer(InternalTokens.admin(AUDIENCE));
        };
    }

    boolean isPartner() {
        return "partner".equals(kind);
    }

    /** Whether the caller holds {@code scope} (admin implies every scope). */
    boolean holds(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
