package dev.crmsuite.gateway.access;

import java.util.Set;

/**
 * Who is calling: a partner channel (API key) or a frontend user (JWT). Partners only ever see
 * customers who consented to sharing their data with partners.
 */
public record Caller(String id, Kind kind, String name, Set<String> scopes, int requestsPerMinute) {

    public enum Kind { PARTNER, USER }

    public static final String ADMIN_SCOPE = "admin";
    public static final String ROUTING_CONTEXT_KEY = "crm.caller";

    public boolean has(String scope) {
        return scope.isEmpty() || scopes.contains(scope) || scopes.contains(ADMIN_SCOPE);
    }

    public boolean isPartner() {
        return kind == Kind.PARTNER;
    }
}
