package dev.crmsuite.platform.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses every request whose path is not {@link CanonicalPath canonical}, or whose query string is
 * not a valid URI query, with 400 problem+json, before CORS, authentication, authorisation, routing
 * or any resource reads it; the parsed path is left on the routing context for those that come
 * after ({@link #of}).
 * <p>
 * Quarkus checks every request target with {@code java.net.URI} before any handler runs and answers
 * a failure with a bare 400 and no body; the JVM flag {@code -Dvertx.disableURIValidation=true}
 * (k8s/base/jvm/service.options, and the tests' JVMs in the root pom) turns that check off so that
 * this filter makes it, and answers like every other refusal. Without the flag the same requests
 * are still refused, only without a problem body.
 */
@ApplicationScoped
public class CanonicalPathFilter {

    /** Quarkus runs filters by descending priority: CORS is 300, authentication 200, authorisation 100. */
    public static final int PRIORITY = 400;
    private static final String KEY = "crm.canonical-path";
    static final String SLUG = "non-canonical-path";
    static final String HINT = "; send the path in its one canonical spelling";
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
        } catch (CanonicalPath.NotCanonical e) {
            refuse(rc, e.getMessage());
            return;
        }
        if (!validTarget(rc.request().uri())) {
            RouteProblems.answer(rc, 400, "validation", "Invalid request",
                    "the query string has an invalid percent-encoding or a character that must be percent-encoded");
            return;
        }
        rc.next();
    }

    /** The check Quarkus makes when it is not turned off (see the class comment), so both refuse the same targets. */
    static boolean validTarget(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The canonical path of a request that passed this filter. */
    public static CanonicalPath of(RoutingContext rc) {
        return rc.get(KEY);
    }

    private static void refuse(RoutingContext rc, String reason) {
        RouteProblems.answer(rc, 400, SLUG, "Bad request", reason + HINT);
    }
}
