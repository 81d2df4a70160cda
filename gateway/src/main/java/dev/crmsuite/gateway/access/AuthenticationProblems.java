package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.web.RouteAnswers;
import dev.crmsuite.platform.web.AuthFailureRouteTemplate;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Credentials that were sent but do not hold (a bad, expired, revoked or misdirected token or key)
 * are refused during proactive authentication, before any route runs: Quarkus fails the routing
 * context, and this failure handler answers 401 problem+json with the accepted schemes in
 * {@code WWW-Authenticate}. When the key store cannot be read the answer is 503: the key may be
 * good. Requests without credentials are not refused here; they go on as anonymous.
 */
@ApplicationScoped
public class AuthenticationProblems {

    /** Before the platform's generic security failure handler: the gateway names both schemes it accepts. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 5).failureHandler(this::handle);
    }

    void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiKeyIdentities.KeyLookupUnavailable) {
                rc.response().putHeader("Retry-After", "2");
                RouteAnswers.problem(rc, 503, "unavailable", "Service unavailable", "credentials cannot be checked right now; retry shortly");
                return;
            }
        }
        if (rc.response().ended()) {
            rc.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException) {
            String detail = failure instanceof AuthenticationFailedException refused && refused.getAttribute(ApiKeyMechanism.SAFE_DETAIL) != null
                    ? refused.getAttribute(ApiKeyMechanism.SAFE_DETAIL)
                    : "the credentials are invalid, expired or not meant for this API";
            rc.response().headers().set("WWW-Authenticate", CallerIdentity.CHALLENGE);
            AuthFailureRouteTemplate.name(rc);
            RouteAnswers.problem(rc, 401, "unauthenticated", "Unauthorized", detail);
            return;
        }
        rc.next();
    }

    /** The gateway's own operations answer an anonymous caller 401 too: with both schemes it accepts. */
    @ServerResponseFilter
    public void challenge(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401) {
            response.getHeaders().putSingle("WWW-Authenticate", CallerIdentity.CHALLENGE);
        }
    }
}
