package dev.crmsuite.customer.access;

import java.util.List;

/**
 * One operation of the API as the access tests call it: the path and body are templates over a
 * {@link Fixture} ({@code {id}}, {@code {other}}, {@code {purchase}}, {@code {followUp}}, {@code {touchpoint}}, {@code {run}}, {@code {backtestRun}}, {@code {email}}),
 * and {@code success} is the status a caller who may call it gets on a fresh fixture.
 */
record Operation(String method, String template, String body, String contentType, int success, boolean writes,
                 boolean staffOnly) {

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    static Operation read(String template, boolean staffOnly) {
        return new Operation("GET", template, null, null, 200, false, staffOnly);
    }

    static Operation write(String method, String template, String body, int success, boolean staffOnly) {
        return new Operation(method, template, body, body == null ? null : JSON, success, true, staffOnly);
    }

    /** The documented form of the path ({@code /api/v1/customers/{id}}), as the OpenAPI document names it. */
    String documentedPath() {
        return template.replaceFirst("\\?.*$", "").replace("{other}", "{id}").replace("{purchase}", "{purchaseId}")
                .replace("{followUp}", "{followUpId}").replace("{touchpoint}", "{touchpointId}").replace("{run}", "{runId}").replace("{backtestRun}", "{runId}");
    }

    String path(Fixture f) {
        return f.fill(template);
    }

    String body(Fixture f) {
        return body == null ? null : f.fill(body);
    }

    @Override
    public String toString() {
        return method + " " + template;
    }

    /** Every operation of customer-service, with its permission: reads need customers:read, writes customers:write. */
    static final List<Operation> ALL = List.of(
            write("POST", "/api/v1/customers", "{\"name\":\"Access Test\",\"email\":\"{email}\"}", 201, false),
            read("/api/v1/customers", false),
            read("/api/v1/customers/{id}", false),
            new Operation("PATCH", "/api/v1/customers/{id}", "{\"tags\":[\"matrix\"]}", MERGE_PATCH, 200, true, false),
            read("/api/v1/customers/{id}/history", false),
            read("/api/v1/customers/{id}/timeline", false),
            write("POST", "/api/v1/customers/{id}/touchpoints", "{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"AFTER_SALE\",\"summary\":\"access test\"}", 201, false),
            read("/api/v1/customers/{id}/touchpoints", false),
            read("/api/v1/customers/{id}/touchpoints/{touchpoint}", false),
            write("POST", "/api/v1/customers/{id}/follow-ups", "{\"dueAt\":\"2030-01-01T09:00:00Z\",\"reason\":\"access test\"}", 201, false),
            read("/api/v1/customers/{id}/follow-ups", false),
            read("/api/v1/follow-ups", false),
            read("/api/v1/follow-ups/queue?owner=access-test", false),
            read("/api/v1/follow-ups/{followUp}", false),
            write("POST", "/api/v1/follow-ups/{followUp}/completion", "{\"outcome\":\"access test\"}", 200, false),
            write("POST", "/api/v1/follow-ups/daily-sample?day=2001-01-01", null, 200, true),
            write("POST", "/api/v1/customers/{id}/purchases", "{\"externalOrderId\":\"ACC-2\",\"amount\":10.00,\"currency\":\"CNY\"}", 201, false),
            read("/api/v1/customers/{id}/purchases", false),
            read("/api/v1/customers/{id}/purchases/{purchase}", false),
            read("/api/v1/customers/{id}/purchases/{purchase}/refunds", false),
            write("POST", "/api/v1/customers/{id}/purchases/{purchase}/refunds", "{\"amount\":1.00}", 201, false),
            write("POST", "/api/v1/value-tiers/recompute", null, 200, true),
            read("/api/v1/value-tiers/runs/{run}", true),
            write("POST", "/api/v1/customers/{id}/referrals", "{\"referredCustomerId\":\"{other}\"}", 201, false),
            read("/api/v1/customers/{id}/referrals", false),
            write("POST", "/api/v1/customers/{id}/merge", "{\"targetCustomerId\":\"{other}\"}", 200, true),
            write("POST", "/api/v1/customers/{id}/erasure", null, 200, true),
            read("/api/v1/customers/{id}/export", true),
            write("PUT", "/api/v1/customers/{id}/stage", "{\"stage\":\"TRUSTING\",\"reason\":\"access test\"}", 200, true),
            write("DELETE", "/api/v1/customers/{id}/stage", null, 200, true),
            write("PUT", "/api/v1/customers/{id}/segmentation", "{\"priceSensitivity\":\"LOW\"}", 200, true),
            read("/api/v1/analytics/customers", true),
            read("/api/v1/analytics/lost-customers", false),
            read("/api/v1/customers/{id}/duplicates", false),
            read("/api/v1/customers/duplicate-candidates", true),
            read("/api/v1/customers/{id}/risk", false),
            read("/api/v1/analytics/at-risk", false),
            read("/api/v1/customers/{id}/suggestions", false),
            read("/api/v1/analytics/backtests/duplicates?customers=10", true),
            read("/api/v1/analytics/backtests/risk?asOf=2001-01-01", true),
            read("/api/v1/analytics/backtests/suggestions", true),
            read("/api/v1/analytics/backtests/runs/{backtestRun}", true),
            read("/api/v1/customers/{id}/communications", false));

    /**
     * Paths of the campaign area (issue 20): scopes campaigns:read / campaigns:write (the RSVP links public), and
     * fixtures that are audiences, campaigns and deliveries rather than a customer, so each caller kind is tried
     * on them by the campaign packages' own access tests; the document check still reads their permissions.
     */
    static final List<String> CAMPAIGN_AREA = List.of("/api/v1/audiences", "/api/v1/campaigns", "/api/v1/campaign-deliveries",
            "/api/v1/campaign-invitations");

    static boolean campaignArea(String documentedPath) {
        return CAMPAIGN_AREA.stream().anyMatch(area -> documentedPath.equals(area) || documentedPath.startsWith(area + "/"));
    }

    /** Operations only an admin may call (scope admin): configuration and the backtests that tune it. */
    static final java.util.Set<String> ADMIN_ONLY = java.util.Set.of("GET /api/v1/analytics/backtests/duplicates",
            "GET /api/v1/analytics/backtests/risk", "GET /api/v1/analytics/backtests/suggestions",
            "GET /api/v1/analytics/backtests/runs/{runId}");

    boolean adminOnly() {
        return ADMIN_ONLY.contains(method + " " + documentedPath());
    }
}
