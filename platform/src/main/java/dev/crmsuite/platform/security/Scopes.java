package dev.crmsuite.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The closed set of scopes a caller can hold. Every operation of the suite declares the one it needs
 * ({@code @RolesAllowed(Scopes.CUSTOMERS_READ)}): the gateway puts a caller's effective scopes into
 * the internal token's {@code groups}, which Quarkus Security turns into roles in each service.
 * {@link #ADMIN} implies every other scope and can never be given to a partner key.
 */
public final class Scopes {

    public static final String CUSTOMERS_READ = "customers:read";
    public static final String CUSTOMERS_WRITE = "customers:write";
    public static final String LOYALTY_READ = "loyalty:read";
    public static final String LOYALTY_WRITE = "loyalty:write";
    public static final String COMPLAINTS_READ = "complaints:read";
    public static final String COMPLAINTS_WRITE = "complaints:write";
    public static final String SURVEYS_READ = "surveys:read";
    public static final String SURVEYS_WRITE = "surveys:write";
    public static final String CAMPAIGNS_READ = "campaigns:read";
    public static final String CAMPAIGNS_WRITE = "campaigns:write";
    public static final String WEBHOOKS_MANAGE = "webhooks:manage";
    public static final String ADMIN = "admin";

    /** Every scope, in documentation order. */
    public static final Set<String> ALL = Set.copyOf(new LinkedHashSet<>(java.util.List.of(CUSTOMERS_READ, CUSTOMERS_WRITE,
            LOYALTY_READ, LOYALTY_WRITE, COMPLAINTS_READ, COMPLAINTS_WRITE, SURVEYS_READ, SURVEYS_WRITE, CAMPAIGNS_READ, CAMPAIGNS_WRITE, WEBHOOKS_MANAGE, ADMIN)));

    /** What a partner key may hold: everything but {@link #ADMIN}. */
    public static final Set<String> GRANTABLE_TO_PARTNERS = ALL.stream().filter(s -> !s.equals(ADMIN))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Scopes() {
    }

    /** The scopes in {@code requested} that are not in the closed set, sorted (empty when all are known). */
    public static Set<String> unknown(Collection<String> requested) {
        Set<String> unknown = new TreeSet<>();
        for (String scope : requested) {
            if (scope == null || !ALL.contains(scope)) {
                unknown.add(String.valueOf(scope));
            }
        }
        return unknown;
    }

    /** What holding {@code granted} allows: {@link #ADMIN} implies every scope; unknown names are dropped. */
    public static Set<String> effective(Collection<String> granted) {
        if (granted.contains(ADMIN)) {
            return ALL;
        }
        Set<String> known = new TreeSet<>(granted);
        known.retainAll(ALL);
        return Set.copyOf(known);
    }
}
