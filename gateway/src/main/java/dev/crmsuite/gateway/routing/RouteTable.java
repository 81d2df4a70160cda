package dev.crmsuite.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns which public path. The paths are the API contract, so they live in code
 * next to each other; only the services' addresses are configuration.
 */
public final class RouteTable {

    /** Paths the gateway answers itself, though they sit under a service's prefix. */
    private static final List<Pattern> GATEWAY_OWNED = List.of(
            Pattern.compile("^/api/v1/customers/[^/]+/overview/?$"),
            Pattern.compile("^/api/v1/admin(/.*)?$"),
            Pattern.compile("^/api/v1/partner(/.*)?$"),
            Pattern.compile("^/api/v1/webhooks(/.*)?$"));

    private record Prefix(String path, String service) {
    }

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("/api/v1/customers", "customer"),
            new Prefix("/api/v1/follow-ups", "customer"),
            new Prefix("/api/v1/value-tiers", "customer"),
            new Prefix("/api/v1/analytics/customers", "customer"),
            new Prefix("/api/v1/analytics/lost-customers", "customer"),
            new Prefix("/api/v1/loyalty", "loyalty"),
            new Prefix("/api/v1/complaints", "complaint"),
            new Prefix("/api/v1/surveys", "survey"),
            new Prefix("/api/v1/survey-invitations", "survey"),
            new Prefix("/api/v1/analytics/satisfaction", "survey"));

    private RouteTable() {
    }

    /** The service that serves {@code path}, or empty when the gateway serves it (or nobody does). */
    public static Optional<String> serviceFor(String path) {
        if (GATEWAY_OWNED.stream().anyMatch(p -> p.matcher(path).matches())) {
            return Optional.empty();
        }
        return PREFIXES.stream()
                .filter(p -> path.equals(p.path()) || path.startsWith(p.path() + "/"))
                .map(Prefix::service)
                .findFirst();
    }
}
