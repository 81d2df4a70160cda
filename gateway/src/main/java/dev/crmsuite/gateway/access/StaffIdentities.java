package dev.crmsuite.gateway.access;

import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Scopes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns a frontend's JWT (SmallRye JWT verified its signature, issuer, audience, expiry and
 * lifetime) into the request's identity: a {@link Caller} of kind staff whose id is
 * {@code user:<subject>}, roles = the scopes its groups map to ({@code crm.gateway.role-scopes}),
 * never the group names themselves, and the frontend users' rate limit.
 *
 * <p>The external issuer must differ from the internal token's: the platform reads every token of
 * that issuer as an internal one (kind, partner and actor from its claims), so an identity provider
 * using the same name could mint any caller. The gateway does not start then; nor with a role
 * mapped to a scope outside the closed set.
 */
@ApplicationScoped
public class StaffIdentities implements SecurityIdentityAugmentor {

    private final String externalIssuer;
    private final String internalIssuer;
    private final Map<String, Set<String>> roleScopes = new HashMap<>();
    private final int requestsPerMinute;

    public StaffIdentities(AccessConfig config,
                           @ConfigProperty(name = "mp.jwt.verify.issuer") String externalIssuer,
                           @ConfigProperty(name = "crm.internal-token.issuer") String internalIssuer) {
        this.externalIssuer = externalIssuer;
        this.internalIssuer = internalIssuer;
        config.roleScopes().forEach((role, scopes) ->
                roleScopes.put(role, Set.copyOf(Arrays.asList(scopes.trim().split("\\s+")))));
        this.requestsPerMinute = config.rateLimit().userRequestsPerMinute();
    }

    void check(@Observes StartupEvent ignored) {
        if (externalIssuer.equals(internalIssuer)) {
            throw new IllegalStateException("mp.jwt.verify.issuer (the frontends' identity provider, " + externalIssuer
                    + ") must differ from crm.internal-token.issuer: tokens of the internal issuer are read as the gateway's own");
        }
        roleScopes.forEach((role, scopes) -> {
            Set<String> unknown = Scopes.unknown(scopes);
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("crm.gateway.role-scopes." + role + " names unknown scopes " + unknown);
            }
        });
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (!externalIssuer.equals(token.getIssuer())) {
            // Never reached while SmallRye JWT checks the issuer; without this its group names would be roles.
            return ApiKeyMechanism.refuse("the token's issuer is not accepted");
        }
        Set<String> granted = new HashSet<>();
        for (String group : token.getGroups() == null ? Set.<String>of() : token.getGroups()) {
            granted.addAll(roleScopes.getOrDefault(group, Set.of()));
        }
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        Caller caller = new Caller("user:" + subject, Caller.Kind.STAFF, null,
                CallerIdentity.actor(token.getName(), "staff"), Scopes.effective(granted));
        return Uni.createFrom().item(CallerIdentity.of(caller, requestsPerMinute, identity));
    }
}
