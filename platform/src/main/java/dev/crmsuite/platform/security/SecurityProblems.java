package dev.crmsuite.platform.security;

import dev.crmsuite.platform.web.AuthFailureRouteTemplate;
import dev.crmsuite.platform.web.RouteProblems;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * 401 and 403 decided before a resource runs (a missing, invalid or foreign token; an HTTP
 * permission policy) are answered in problem+json like every other error, not with Quarkus' bare
 * status. The resource-level ones are mapped by ProblemMappers.
 */
@ApplicationScoped
public class SecurityProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).failureHandler(this::handle);
    }

    void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (rc.response().ended() || failure instanceof AuthenticationRedirectException) {
            rc.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException || failure instanceof UnauthorizedException) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            answer(rc, 401, "unauthenticated", "Unauthorized", "send a bearer token or a partner API key");
        } else if (failure instanceof ForbiddenException) {
            answer(rc, 403, "forbidden", "Forbidden", "your credentials do not grant this operation");
        } else {
            rc.next();
        }
    }

    private static void answer(RoutingContext rc, int status, String slug, String title, String detail) {
        AuthFailureRouteTemplate.name(rc);
        RouteProblems.answer(rc, status, slug, title, detail);
    }
}
