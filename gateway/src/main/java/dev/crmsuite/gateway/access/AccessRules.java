package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.routing.RouteTable;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which scope each request needs, and which customer a path is about. Reads need
 * {@code <area>:read}, everything else {@code <area>:write}; admin endpoints need {@code admin}.
 */
public final class AccessRules {

    /** What a request needs: nothing (public), or a scope. */
    public sealed interface Requirement permits Public, Scope {
    }

    public record Public() implements Requirement {
    }

    public record Scope(String scope) implements Requirement {
    }

    private static final Pattern SURVEY_ANSWERING = Pattern.compile("^/api/v1/survey-invitations/[^/]+(/responses)?/?$");
    private static final Pattern CUSTOMER_PATH = Pattern.compile("^/api/v1/customers/([0-9a-fA-F-]{36})(/.*)?$");
    private static final Pattern LOYALTY_ACCOUNT_PATH = Pattern.compile("^/api/v1/loyalty/accounts/([0-9a-fA-F-]{36})(/.*)?$");

    private AccessRules() {
    }

    public static Requirement required(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (SURVEY_ANSWERING.matcher(path).matches() && (read || path.endsWith("/responses"))) {
            return new Public(); // customers answer surveys by token, without an account
        }
        if (path.startsWith("/api/v1/admin")) {
            return new Scope(Caller.ADMIN_SCOPE);
        }
        if (path.startsWith("/api/v1/partner/")) {
            return new Scope(""); // any authenticated caller: it describes what that caller may do
        }
        if (path.startsWith("/api/v1/webhooks")) {
            return new Scope("webhooks:manage");
        }
        if (path.matches("^/api/v1/customers/[^/]+/overview/?$")) {
            return new Scope("customers:read");
        }
        String area = RouteTable.serviceFor(path).map(AccessRules::area).orElse("customers");
        return new Scope(area + (read ? ":read" : ":write"));
    }

    /** The customer a path is about, for the partner consent check. */
    public static Optional<String> customerOf(String path) {
        for (Pattern p : new Pattern[] {CUSTOMER_PATH, LOYALTY_ACCOUNT_PATH}) {
            Matcher m = p.matcher(path);
            if (m.matches()) {
                return Optional.of(m.group(1).toLowerCase());
            }
        }
        return Optional.empty();
    }

    static String area(String service) {
        return switch (service) {
            case "customer" -> "customers";
            case "loyalty" -> "loyalty";
            case "complaint" -> "complaints";
            case "survey" -> "surveys";
            default -> service;
        };
    }
}
