package dev.crmsuite.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A client that accepts only {@code application/problem+json} (what generated clients send for an
 * operation whose success has no body, such as a 204 DELETE) is served, not refused with 406: the
 * operations produce JSON for success and problem+json for errors, so such a client is taken to
 * accept JSON too.
 */
public class ProblemAccept {

    static final String PROBLEM = "application/problem+json";

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        String widened = widen(accept);
        if (widened != null) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, widened);
        }
    }

    /** The Accept header with JSON added when it names problem+json but no JSON or wildcard, else null. */
    static String widen(String accept) {
        if (accept == null) {
            return null;
        }
        String lower = accept.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains(PROBLEM) || lower.contains("application/json") || lower.contains("*/*")
                || lower.contains("application/*")) {
            return null;
        }
        return accept + ", application/json;q=0.9";
    }
}
