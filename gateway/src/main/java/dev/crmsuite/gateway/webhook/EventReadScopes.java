package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.security.Scopes;

import java.util.Map;
import java.util.Set;

/**
 * The read scope each event type needs: a webhook delivers the same data a read would, so a
 * subscription must not be a way around a scope. The type's area (its second segment) names the
 * service whose data it carries. A type or pattern within one area ({@code crm.complaint.*}) needs
 * that area's scope; a wider pattern ({@code *}, {@code crm.c*}, a prefix outside the known areas)
 * may match events of any service, now or later, and needs every read scope. An exact type of no
 * known area carries nothing the suite publishes and needs none.
 */
final class EventReadScopes {

    private static final Map<String, String> AREAS = Map.ofEntries(
            Map.entry("customer", Scopes.CUSTOMERS_READ), Map.entry("purchase", Scopes.CUSTOMERS_READ),
            Map.entry("touchpoint", Scopes.CUSTOMERS_READ), Map.entry("follow-up", Scopes.CUSTOMERS_READ),
            Map.entry("account", Scopes.LOYALTY_READ), Map.entry("points", Scopes.LOYALTY_READ),
            Map.entry("tier", Scopes.LOYALTY_READ), Map.entry("reward", Scopes.LOYALTY_READ),
            Map.entry("voucher", Scopes.LOYALTY_READ), Map.entry("referral", Scopes.LOYALTY_READ),
            Map.entry("complaint", Scopes.COMPLAINTS_READ), Map.entry("survey", Scopes.SURVEYS_READ),
            Map.entry("campaign", Scopes.CAMPAIGNS_READ));
    static final Set<String> EVERY_READ = Set.of(Scopes.CUSTOMERS_READ, Scopes.LOYALTY_READ,
            Scopes.COMPLAINTS_READ, Scopes.SURVEYS_READ, Scopes.CAMPAIGNS_READ);

    private EventReadScopes() {
    }

    /** The scopes a subscription to {@code pattern} (a type, or a prefix ending in *) needs. */
    static Set<String> needed(String pattern) {
        boolean prefix = pattern.endsWith("*");
        String stem = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
        for (Map.Entry<String, String> area : AREAS.entrySet()) {
            if (stem.startsWith("crm." + area.getKey() + ".")) {
                return Set.of(area.getValue());
            }
        }
        return prefix ? EVERY_READ : Set.of();
    }
}
