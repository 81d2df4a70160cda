package dev.crmsuite.platform.web;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses every request whose path is not {@link CanonicalPath canonical} with 400 problem+json,
 * before CORS, authentication, authorisation, routing or any resource reads it; the parsed path is
 * left on the routing context for those that come after ({@link #of}).
 */
@ApplicationScoped
public class CanonicalPathFilter {

    /** Quarkus runs filters by descending priority: CORS is 300, authentication 200, authorisation 100. */
    public static final int PRIORITY = 400;
    private static final String KEY = "crm.canonical-path";
    /** Swagger UI is served below a trailing slash; that one empty segment is its spelling, not a trick. */
    private static final String SWAGGER_UI = "/q/swagger-ui/";

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String raw = rc.request().path();
        try {
            String checked = raw != null && raw.startsWith(SWAGGER_UI) && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            rc.put(KEY, CanonicalPath.parse(checked));
            rc.next();
        } catch (CanonicalPath.NotCanonical e) {
            refuse(rc, e.getMessage());
        }
    }

    /** The canonical path of a request that passed this filter. */
    public static CanonicalPath of(RoutingContext rc) {
        return rc.get(KEY);
    }

    private static void refuse(RoutingContext rc, String reason) {
        String requestId = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        // The refused path is not echoed: it may hold the very control characters it was refused for.
        Problem problem = new Problem(Problem.TYPE_BASE + "non-canonical-path", "Bad request", 400,
                reason + "; send the path in its one canonical spelling", null, requestId, null, null);
        rc.response().setStatusCode(400)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store")
                .end(EventJson.write(problem));
    }
}
