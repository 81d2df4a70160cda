package dev.crmsuite.gateway.routing;

import dev.crmsuite.platform.web.CanonicalPath;

import java.util.List;
import java.util.Optional;

/**
 * Which service owns which public path, read from the canonical path's decoded segments (the same
 * object authorisation would read: there is no second parser). Only {@code /api/v1/<prefix>/...}
 * of a service is ever forwarded; nothing else of a service (its {@code /q/...}, other versions, its
 * root) can be reached through the gateway. The paths are the API contract, so they live in code
 * next to each other; only the services' addresses are configuration.
 */
public final class RouteTable {

    private record Prefix(List<String> segments, String service) {
        Prefix(String path, String service) {
            this(List.of(path.split("/")), service);
        }
    }

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("customers", "customer"),
            new Prefix("follow-ups", "customer"),
            new Prefix("value-tiers", "customer"),
            new Prefix("analytics/customers", "customer"),
            new Prefix("analytics/lost-customers", "customer"),
            new Prefix("analytics/at-risk", "customer"),
            new Prefix("analytics/backtests", "customer"),
            // Campaigns (issue 20). campaign-invitations/{token} and its rsvp are public in customer-service, like
            // survey-invitations: the gateway forwards anonymous callers with an anonymous token and the service's
            // @PermitAll/@RolesAllowed decide; nothing here makes any other path public.
            new Prefix("audiences", "customer"),
            new Prefix("campaigns", "customer"),
            new Prefix("campaign-deliveries", "customer"),
            new Prefix("campaign-invitations", "customer"),
            new Prefix("loyalty", "loyalty"),
            new Prefix("complaints", "complaint"),
            new Prefix("escalations", "complaint"),
            // Each service's part of a person's export; the composed export (privacy/customers) is the gateway's.
            new Prefix("privacy/loyalty", "loyalty"),
            new Prefix("privacy/complaints", "complaint"),
            new Prefix("privacy/surveys", "survey"),
            new Prefix("surveys", "survey"),
            new Prefix("survey-invitations", "survey"),
            new Prefix("analytics/satisfaction", "survey"));

    private RouteTable() {
    }

    /** The service that serves {@code path}, or empty when the gateway serves it (or nobody does). */
    public static Optional<String> serviceFor(CanonicalPath path) {
        List<String> s = path.segments();
        if (s.size() < 3 || !s.get(0).equals("api") || !s.get(1).equals("v1") || gatewayOwned(s)) {
            return Optional.empty();
        }
        List<String> rest = s.subList(2, s.size());
        return PREFIXES.stream()
                .filter(p -> rest.size() >= p.segments().size() && rest.subList(0, p.segments().size()).equals(p.segments()))
                .map(Prefix::service)
                .findFirst();
    }

    /** For a path as a string; refuses (empty) any path that is not canonical. */
    public static Optional<String> serviceFor(String path) {
        try {
            return serviceFor(CanonicalPath.parse(path));
        } catch (CanonicalPath.NotCanonical e) {
            return Optional.empty();
        }
    }

    /** The gateway's own operations: the customer-360 overview, admin, partner and webhook endpoints. */
    private static boolean gatewayOwned(List<String> s) {
        String area = s.get(2);
        return area.equals("admin") || area.equals("partner") || area.equals("webhooks")
                || s.size() == 5 && area.equals("customers") && s.get(4).equals("overview");
    }
}
