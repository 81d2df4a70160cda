package dev.crmsuite.platform.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller of the current request ({@link Caller}), for resources and domain code alike. Outside
 * a request (event consumers, schedules) there is no caller: {@link #current()} is empty and the
 * actor is {@link Caller#SYSTEM_ACTOR}.
 */
@ApplicationScoped
public class Callers {

    private final CurrentIdentityAssociation identities;

    public Callers(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The authenticated caller, or empty outside a request or for a request that carried no internal token. */
    public java.util.Optional<Caller> current() {
        if (!Arc.container().requestContext().isActive()) {
            return java.util.Optional.empty();
        }
        SecurityIdentity identity = identities.getIdentity();
        return java.util.Optional.ofNullable(identity == null ? null : identity.getAttribute(Caller.ATTRIBUTE));
    }

    /** The caller, for code that only runs behind a permission check (so a caller is always there). */
    public Caller require() {
        return current().orElseThrow(() -> new io.quarkus.security.UnauthorizedException());
    }

    /** Whether the current request comes from a partner, whose view is limited to consenting customers. */
    public boolean partnerCalling() {
        return current().map(Caller::isPartner).orElse(false);
    }

    /** Who to record as having made a change: the caller's actor, or "system" outside a request. */
    public String actor() {
        return current().map(Caller::actor).orElse(Caller.SYSTEM_ACTOR);
    }

    /**
     * The scope an {@code Idempotency-Key} lives in: the caller plus what the operation names, so
     * two callers never see each other's answers replayed.
     */
    public String idempotencyScope(String operation) {
        return idempotencyScope(current().orElse(null), operation);
    }

    /** The same rule for a caller known outside a CDI request (the gateway's proxy). */
    public static String idempotencyScope(Caller caller, String operation) {
        return (caller == null ? "anonymous" : caller.id()) + " " + operation;
    }
}
