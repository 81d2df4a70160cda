package dev.crmsuite.gateway.web;

import dev.crmsuite.platform.web.RequestIds;
import dev.crmsuite.platform.web.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What every answer of the gateway carries, whoever writes it (a Vert.x handler, RESTEasy, Quarkus
 * itself, or a service behind the proxy): {@code X-Request-Id} (accepted or created once, before
 * anything else runs, so the proxy forwards and the problem bodies quote the same id),
 * {@code X-Content-Type-Options: nosniff} and, unless the writer chose one, {@code Cache-Control:
 * no-store}. Also the one way the gateway's own Vert.x handlers write a problem+json answer.
 */
@ApplicationScoped
public class RouteAnswers {

    /** Before the platform's body limit (route order -1000) and the canonical-path filter (400). */
    static final int PRIORITY = 2000;
    private static final String REQUEST_ID = "crm.request-id";

    void register(@Observes Filters filters) {
        filters.register(RouteAnswers::stamp, PRIORITY);
    }

    /**
     * A body over the limit, found while Vert.x read it for the gateway's own operations: 413
     * problem+json like every other refusal. (What Vert.x refuses while parsing the request line or
     * headers, e.g. a raw backslash in the path or an overlong URI, it answers itself with a bare
     * 400/414/431 and closes the connection: no handler of ours runs for those.)
     */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 6).failureHandler(rc -> {
            if (rc.statusCode() == 413 && rc.failure() == null && !rc.response().ended()) {
                rc.response().putHeader("Connection", "close");
                problem(rc, 413, "payload-too-large", "Payload too large", "the request body is larger than the limit");
            } else {
                rc.next();
            }
        });
    }

    static void stamp(RoutingContext rc) {
        String requestId = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        rc.request().headers().set(RequestIds.HEADER, requestId);
        rc.put(REQUEST_ID, requestId);
        HttpServerResponse response = rc.response();
        rc.addHeadersEndHandler(ignored -> {
            if (!response.headers().contains(RequestIds.HEADER)) {
                response.headers().set(RequestIds.HEADER, requestId);
            }
            response.headers().set("X-Content-Type-Options", "nosniff");
            if (!response.headers().contains("Cache-Control")) {
                response.headers().set("Cache-Control", "no-store");
            }
        });
        rc.next();
    }

    /** The request id of this request (set by {@link #stamp}, or accepted from the header). */
    public static String requestId(RoutingContext rc) {
        String id = rc.get(REQUEST_ID);
        return id != null ? id : RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
    }

    /**
     * Ends the exchange with a problem+json answer. A request whose body was paused for the proxy
     * is resumed first, so the connection can read past it and serve the next request.
     */
    public static void problem(RoutingContext rc, int status, String slug, String title, String detail) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        if (!rc.request().isEnded()) {
            rc.request().resume();
        }
        RouteProblems.answer(rc, status, slug, title, detail, rc.request().path());
    }
}
