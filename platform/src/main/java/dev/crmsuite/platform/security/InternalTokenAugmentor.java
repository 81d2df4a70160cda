package dev.crmsuite.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashSet;
import java.util.Set;

/**
 * Turns a verified internal token (SmallRye JWT checked signature, issuer, audience and expiry)
 * into the request's {@link Caller}. Roles are the caller's effective scopes (the token's
 * {@code groups}, with admin implying every scope), so {@code @RolesAllowed(Scopes.X)} is the permission check. A token for an
 * anonymous caller (a public operation through the gateway) yields an anonymous identity that still
 * carries the caller: it passes {@link ThroughGatewayPolicy} but every {@code @RolesAllowed}
 * operation answers it 401, as the gateway would.
 */
@ApplicationScoped
public class InternalTokenAugmentor implements SecurityIdentityAugmentor {

    private final String issuer;

    public InternalTokenAugmentor(@ConfigProperty(name = "crm.internal-token.issuer") String issuer) {
        this.issuer = issuer;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || !issuer.equals(token.getIssuer())) {
            return Uni.createFrom().item(identity);
        }
        Caller caller;
        try {
            caller = callerOf(token);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException("malformed internal token", e));
        }
        if (caller.isAnonymous()) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setAnonymous(true)
                    .setPrincipal(new io.quarkus.security.runtime.QuarkusPrincipal(caller.id()))
                    .addAttribute(Caller.ATTRIBUTE, caller).build());
        }
        // Roles = effective scopes, so a token naming admin passes every @RolesAllowed(Scopes.X).
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(caller.scopes())
                .addAttribute(Caller.ATTRIBUTE, caller).build());
    }

    static Caller callerOf(JsonWebToken token) {
        Caller.Kind kind = Caller.Kind.ofClaim(token.getClaim(InternalToken.KIND));
        String actor = token.getClaim(InternalToken.ACTOR);
        String partner = kind == Caller.Kind.PARTNER ? token.getClaim(InternalToken.PARTNER) : null;
        if (token.getSubject() == null || actor == null || kind == Caller.Kind.PARTNER && partner == null) {
            throw new IllegalArgumentException("an internal token names its subject, actor and (for partners) partner");
        }
        Set<String> scopes = new HashSet<>(token.getGroups() == null ? Set.of() : token.getGroups());
        return new Caller(token.getSubject(), kind, partner, actor, Scopes.effective(scopes));
    }
}
