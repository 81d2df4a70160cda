package dev.crmsuite.customer.access;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;

import java.util.List;

/**
 * The kinds of caller the access tests try every operation with, as the gateway would forward them
 * (or as someone reaching the service port directly would come).
 */
enum Caller {
    /** No token at all: a direct call to the service port. */
    NONE,
    /** The gateway's token for a caller without credentials: public operations only. */
    ANONYMOUS,
    /** An admin token, but for another service. */
    OTHER_AUDIENCE,
    /** A partner key with one scope unrelated to customers. */
    PARTNER_UNRELATED,
    /** A partner key with every scope a partner can hold (all but admin). */
    PARTNER_ALL,
    /** Staff who may read everything and change nothing. */
    VIEWER,
    /** Staff with every scope but admin. */
    STAFF,
    ADMIN;

    static final List<String> READ_SCOPES = List.of(Scopes.CUSTOMERS_READ, Scopes.LOYALTY_READ, Scopes.COMPLAINTS_READ, Scopes.SURVEYS_READ);

    String authorization() {
        String aud = Api.AUDIENCE;
        return switch (this) {
            case NONE -> InternalTokens.NO_TOKEN;
            case ANONYMOUS -> "Bearer " + InternalTokens.anonymous(aud);
            case OTHER_AUDIENCE -> "Bearer " + InternalTokens.admin("loyalty-service");
            case PARTNER_UNRELATED -> "Bearer " + InternalTokens.partner(aud, "p-unrelated", Scopes.LOYALTY_READ);
            case PARTNER_ALL -> "Bearer " + InternalTokens.partner(aud, "p-all", Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new));
            case VIEWER -> "Bearer " + InternalTokens.staff(aud, READ_SCOPES.toArray(String[]::new));
            case STAFF -> "Bearer " + InternalTokens.staff(aud, Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new));
            case ADMIN -> "Bearer " + InternalTokens.admin(aud);
        };
    }

    /** The status class this caller must get for an operation: 401, 403, or 0 for "allowed". */
    int expected(Operation op) {
        return switch (this) {
            case NONE, ANONYMOUS, OTHER_AUDIENCE -> 401;
            case PARTNER_UNRELATED -> 403;
            case PARTNER_ALL -> op.staffOnly() ? 403 : 0;
            case VIEWER -> op.writes() || op.adminOnly() ? 403 : 0;
            case STAFF -> op.adminOnly() ? 403 : 0;
            case ADMIN -> 0;
        };
    }
}
