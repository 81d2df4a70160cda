package dev.crmsuite.platform.web;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.quarkus.resteasy.reactive.server.runtime.observability.ObservabilityIntegrationRecorder;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.function.BiConsumer;

/**
 * Names a request's route for the HTTP metrics only when its authentication or authorisation fails,
 * instead of on every request as Quarkus REST does.
 *
 * <p>Why our own: with Micrometer present, Quarkus REST 3.37.1 installs a filter right after
 * authentication (priority 199) that, for every request, builds a request mapper over all resource
 * classes and matches the path against it, so that a 401 or 403 answered before the resource runs
 * is still counted under its template ({@code /api/v1/customers/{id}}) rather than its raw path (one
 * time series per customer). On a read of one customer that was 6% of customer-service's CPU and
 * 4% of the gateway's (JFR, 2026-12-06; README, "What limits", Reads). Quarkus offers no setting
 * for it.
 *
 * <p>This handler runs just before that filter (same order; routes observed on the {@link Router}
 * are added before the filters) and puts a failure handler of its own in the request in place of
 * Quarkus' default one, which makes that filter leave the request alone. It fails the request
 * exactly as Quarkus' replacement would, and the handlers that answer such failures in
 * problem+json ({@code SecurityProblems}, the gateway's {@code AuthenticationProblems}) call
 * {@link #name} first. Should a Quarkus upgrade rename what this relies on, the build breaks, or
 * this handler stops matching and Quarkus' own behaviour returns: never a request without an
 * answer.
 */
@ApplicationScoped
public class AuthFailureRouteTemplate {

    /** Where Quarkus keeps the request's authentication failure handler ({@code HttpAuthenticator}'s key). */
    static final String FAILURE_HANDLER = "io.quarkus.vertx.http.auth-failure-handler";
    /** Quarkus REST's template-path filter's priority, as a route order. */
    static final int ORDER = -199;

    /** Quarkus REST's {@code FailingDefaultAuthFailureHandler}, which is not public. */
    private static final BiConsumer<RoutingContext, Throwable> FAIL = (rc, failure) -> {
        DefaultAuthFailureHandler.markIfOtherAuthenticationFailure(rc, failure);
        if (!rc.failed()) {
            rc.fail(DefaultAuthFailureHandler.extractRootCause(failure));
        }
    };

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(AuthFailureRouteTemplate::replaceDefault);
    }

    static void replaceDefault(RoutingContext rc) {
        if (rc.get(FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
            rc.put(FAILURE_HANDLER, FAIL);
        }
        rc.next();
    }

    /**
     * Names the request's route for the HTTP metrics by its resource's template, if a resource of
     * this application matches it; the resource does so itself once it runs.
     */
    public static void name(RoutingContext rc) {
        var deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment != null) {
            ObservabilityIntegrationRecorder.setTemplatePath(rc, deployment);
        }
    }
}
