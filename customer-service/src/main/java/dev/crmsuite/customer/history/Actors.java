package dev.crmsuite.customer.history;

import dev.crmsuite.platform.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.regex.Pattern;

/**
 * Who makes a change: the {@code X-Actor} header of the request (the gateway or the staff
 * frontend sets it), or "system" for rules, schedules and consumed events. Kept in the MDC like
 * the request id, so it follows the request onto the worker thread and into the logs.
 */
public class Actors {

    public static final String HEADER = "X-Actor";
    public static final String SYSTEM = "system";
    private static final String MDC_KEY = "actor";
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\p{L}\\p{N}._@:+ -]{1,100}");

    public static String current() {
        Object actor = MDC.get(MDC_KEY);
        return actor == null ? SYSTEM : actor.toString();
    }

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        MDC.remove(MDC_KEY);
        String actor = request.getHeaderString(HEADER);
        if (actor == null || actor.isBlank()) {
            return;
        }
        if (!ACCEPTABLE.matcher(actor.trim()).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1 to 100 letters, digits or . _ @ : + - space");
        }
        MDC.put(MDC_KEY, actor.trim());
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request) {
        MDC.remove(MDC_KEY);
    }
}
