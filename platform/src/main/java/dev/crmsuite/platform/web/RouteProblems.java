package dev.crmsuite.platform.web;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import io.vertx.ext.web.RoutingContext;

/**
 * The one way a Vert.x route (not a resource) answers with problem+json: the refusals that happen
 * before Quarkus REST runs, so its exception mappers cannot. A refused path is not echoed as the
 * instance: it may hold the very bytes it was refused for.
 */
public final class RouteProblems {

    private RouteProblems() {
    }

    public static void answer(RoutingContext rc, int status, String slug, String title, String detail) {
        answer(rc, status, slug, title, detail, null);
    }

    /** With the problem's {@code instance}: for callers whose path has passed the canonical-path check. */
    public static void answer(RoutingContext rc, int status, String slug, String title, String detail, String instance) {
        if (rc.response().ended()) {
            return;
        }
        if (rc.response().headWritten()) {
            // Too late for another status: a truncated answer must not pass for a whole one.
            rc.response().reset();
            return;
        }
        String requestId = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance, requestId, null, null);
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store")
                .end(EventJson.write(problem));
    }
}
