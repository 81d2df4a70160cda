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

    /**
     * The name services record as who made a change ({@code X-Actor}): the caller's name reduced to
     * the characters every service accepts there.
     */
    public String actor() {
        String cleaned = name == null ? "" : name.replaceAll("[^\\p{L}\\p{N} ._@-]", "-").trim();
        if (cleaned.isEmpty()) {
            cleaned = kind == Kind.PARTNER ? "partner" : "user";
        }
        return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }

    public boolean isPartner() {
        return kind == Kind.PARTNER;
    }
}
