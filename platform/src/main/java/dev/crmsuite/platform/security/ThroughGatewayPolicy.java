package dev.crmsuite.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /api/*} of a service answers only requests that carry a valid internal token: the gateway
 * signs one for every request it forwards, anonymous callers included. A caller who reaches a
 * service's port directly gets 401, whatever the operation (configured as the {@code through-gateway}
 * policy in the platform's defaults).
 */
@ApplicationScoped
public class ThroughGatewayPolicy implements HttpSecurityPolicy {

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        // A failure rather than DENY: Quarkus answers DENY for an anonymous caller with a bare 401, a
        // failure goes to SecurityProblems, which answers problem+json like every other error.
        return identity.onItem().transformToUni(id -> id != null && id.getAttribute(Caller.ATTRIBUTE) != null
                ? Uni.createFrom().item(CheckResult.PERMIT)
                : Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException("no internal token")));
    }

    @Override
    public String name() {
        return "through-gateway";
    }
}
