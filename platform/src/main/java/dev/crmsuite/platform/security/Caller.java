package dev.crmsuite.platform.security;

import java.util.Set;

/**
 * Who is calling, as the gateway authenticated them and the internal token carries it to the
 * services: a member of staff (frontend JWT), a partner channel (API key), or nobody (public
 * operations such as answering a survey by its token). Services take audit actors, idempotency
 * scopes and partner visibility from here and from nowhere else.
 *
 * @param id        stable id of the caller: {@code user:<subject>}, {@code partner:<key id>} or {@code anonymous}
 * @param kind      staff, partner or anonymous
 * @param partnerId the partner's key id for partners, else null
 * @param actor     the name recorded as who made a change
 * @param scopes    effective scopes ({@link Scopes#effective})
 */
public record Caller(String id, Kind kind, String partnerId, String actor, Set<String> scopes) {

    public enum Kind {
        STAFF, PARTNER, ANONYMOUS;

        public String claim() {
            return name().toLowerCase();
        }

        public static Kind ofClaim(String claim) {
            for (Kind kind : values()) {
                if (kind.claim().equals(claim)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown caller kind " + claim);
        }
    }

    /** Name of the {@code SecurityIdentity} attribute that holds the caller. */
    public static final String ATTRIBUTE = "crm.caller";
    /** The actor of changes made by rules, schedules and consumed events. */
    public static final String SYSTEM_ACTOR = "system";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public static Caller anonymous() {
        return new Caller("anonymous", Kind.ANONYMOUS, null, "anonymous", Set.of());
    }

    public boolean isPartner() {
        return kind == Kind.PARTNER;
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    public boolean has(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }
}
