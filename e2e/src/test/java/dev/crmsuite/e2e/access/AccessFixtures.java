package dev.crmsuite.e2e.access;

import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.e2e.RunningSuite;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Real objects for the access suite's path parameters and body references, created by an admin
 * through the gateway: a customer who consented to partner sharing ({@link #visible}) and one who
 * did not ({@link #hidden}), each with a purchase (whose survey invitation gives a token), a
 * touchpoint, a follow-up, an open complaint with a comment and a tag, a loyalty account with a
 * redemption, and a voucher; and objects of nobody in particular ({@link #shared}): a
 * published survey, a reward, the earning rules' version, an admin's webhook subscription, a
 * partner key to revoke. What could not be created is listed in {@link #gaps} (the operation is then
 * exercised with an id that names nothing).
 */
final class AccessFixtures {

    /**
     * The suite's survey invites for purchases of this size and more, which no other test makes: its
     * invitations must not turn up beside other tests' surveys for their customers.
     */
    static final String INVITING_AMOUNT = "54321.00";

    /** Kinds of values that belong to one customer: a partner must not reach them for the hidden one. */
    static final java.util.Set<String> TIED = java.util.Set.of("customer", "purchase", "followUp", "complaint", "redemption",
            "voucher", "token", "touchpoint", "delivery");
    /** Tags both customers, so one audience holds them and one campaign sends each a delivery. */
    static final String CAMPAIGN_TAG = "access-suite-campaign";

    final Map<String, String> visible = new LinkedHashMap<>();
    final Map<String, String> hidden = new LinkedHashMap<>();
    final Map<String, String> shared = new LinkedHashMap<>();
    final List<String> gaps = new ArrayList<>();
    private final String admin = JwtKeys.bearer("access-fixtures", "admin");

    RequestSpecification asAdmin() {
        return given().baseUri(RunningSuite.gateway()).header("Authorization", admin);
    }

    static AccessFixtures create() {
        AccessFixtures f = new AccessFixtures();
        f.shared.put("survey", f.created("survey", f.asAdmin().contentType(ContentType.JSON).body("""
                {"title":"Access suite: how was your purchase?","questions":[
                  {"key":"recommend","type":"NPS","text":"Would you recommend us?","required":true}],
                 "triggers":[{"on":"PURCHASE_RECORDED","minimumAmount":%s}]}""".formatted(INVITING_AMOUNT))
                .post("/api/v1/surveys"), "id"));
        f.asAdmin().post("/api/v1/surveys/" + f.shared.get("survey") + "/publish");
        f.shared.put("surveyVersion", "1");
        f.side(f.visible, true);
        f.side(f.hidden, false);
        f.shared.put("reward", f.created("reward", f.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Access suite reward", "pointsCost", 1500, "stock", 100)).post("/api/v1/loyalty/rewards"), "id"));
        f.shared.put("ruleVersion", f.ruleVersion());
        // 192.0.2.0/24 (TEST-NET-1) is public, never routed; the event type never occurs: nothing is ever sent.
        f.shared.put("webhook", f.created("webhook", f.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", "https://192.0.2.10/access-suite", "eventTypes", List.of("crm.drill.never.v1")))
                .post("/api/v1/webhooks"), "id"));
        f.shared.put("apiKey", f.created("apiKey", f.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("partner", "Access suite victim", "scopes", List.of("customers:read"), "requestsPerMinute", 60))
                .post("/api/v1/admin/api-keys"), "id"));
        for (String side : List.of("visible", "hidden")) {
            Map<String, String> values = side.equals("visible") ? f.visible : f.hidden;
            values.put("token", f.invitationToken(values.get("customer"), side));
            values.put("redemption", f.redemption(values.get("customer"), side));
        }
        f.campaign();
        return f;
    }

    private void side(Map<String, String> values, boolean partnerSharing) {
        String side = partnerSharing ? "visible" : "hidden";
        String email = "access-" + side + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response customer = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("kind", "PERSON", "name", "Access Suite " + side, "email", email,
                        "consents", Map.of("marketing", true, "partnerSharing", partnerSharing), "tags", List.of(CAMPAIGN_TAG)))
                .post("/api/v1/customers");
        if (customer.statusCode() != 201) {
            throw new IllegalStateException("cannot register the " + side + " customer: " + customer.statusCode() + " " + customer.asString());
        }
        String id = customer.path("id");
        values.put("customer", id);
        values.put("purchase", created(side + " purchase", asAdmin().contentType(ContentType.JSON)
                .body(Map.of("externalOrderId", "ACCESS-" + UUID.randomUUID(), "amount", new java.math.BigDecimal(INVITING_AMOUNT),
                        "currency", "CNY", "discounted", false))
                .post("/api/v1/customers/" + id + "/purchases"), "id", "purchaseId"));
        values.put("touchpoint", created(side + " touchpoint", asAdmin().contentType(ContentType.JSON)
                .body(Map.of("channel", "PHONE", "direction", "INBOUND", "phase", "SALE", "summary", "access suite"))
                .post("/api/v1/customers/" + id + "/touchpoints"), "id"));
        values.put("followUp", created(side + " follow-up", asAdmin().contentType(ContentType.JSON)
                .body(Map.of("dueAt", inDays(7), "reason", "access suite call"))
                .post("/api/v1/customers/" + id + "/follow-ups"), "id"));
        // An open complaint: what the complaint operations act on.
        String open = created(side + " complaint", fileComplaint(id, "Open for the access suite"), "id");
        values.put("complaint", open);
        asAdmin().contentType(ContentType.JSON).body(Map.of("body", "Called the customer", "visibility", "INTERNAL"))
                .post("/api/v1/complaints/" + open + "/comments");
        asAdmin().contentType(ContentType.JSON).body(Map.of("tag", "access-suite", "note", "access suite"))
                .post("/api/v1/complaints/" + open + "/tags");
        values.put("tag", "access-suite");
        values.put("voucher", created(side + " voucher", asAdmin().contentType(ContentType.JSON)
                .body(Map.of("customerId", id, "kind", "VALUE", "value", 10.00,
                        "validUntil", inDays(30)))
                .post("/api/v1/loyalty/vouchers"), "code", "id"));
    }

    private Response fileComplaint(String customer, String subject) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "channel", "PHONE", "category", "DELIVERY", "subject", subject,
                        "description", "Filed by the access suite"))
                .post("/api/v1/complaints");
    }

    private String redemption(String customer, String side) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Response account = asAdmin().get("/api/v1/loyalty/accounts/" + customer);
                return account.statusCode() == 200 && ((Number) account.path("balance")).longValue() >= 10;
            });
        } catch (org.awaitility.core.ConditionTimeoutException noPoints) {
            gaps.add(side + " redemption: the loyalty account had no points in time");
            return UUID.randomUUID().toString();
        }
        return created(side + " redemption", asAdmin().contentType(ContentType.JSON).body(Map.of("points", 10))
                .post("/api/v1/loyalty/accounts/" + customer + "/redemptions"), "redemptionId", "id");
    }

    private String invitationToken(String customer, String side) {
        try {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Response list = asAdmin().queryParam("customerId", customer).get("/api/v1/survey-invitations");
                List<String> tokens = list.statusCode() == 200 ? list.jsonPath().getList("items.token") : List.of();
                return tokens.stream().filter(Objects::nonNull).findFirst().orElse(null);
            }, Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException none) {
            gaps.add(side + " survey invitation token: none in 30 s");
            return "access" + UUID.randomUUID().toString().replace("-", "");
        }
    }

    /**
     * An audience of both customers and an event invitation sent to it (no holdout): each side gets a
     * delivery (what delivery reports name) and an RSVP token (read from crm.customers: only the
     * delivery request carries it). The campaign has no delivery partner, so no partner key may
     * report on either delivery.
     */
    private void campaign() {
        String audience = created("audience", asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Access suite " + UUID.randomUUID(),
                "filter", Map.of("tags", Map.of("allOf", List.of(CAMPAIGN_TAG))))).post("/api/v1/audiences"), "id");
        shared.put("audience", audience);
        String campaign = created("campaign", asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Access suite evening",
                "kind", "EVENT_INVITATION", "audienceId", audience, "subject", "Join us", "templateKey", "access/evening",
                "holdoutShare", 0, "event", Map.of("title", "Access suite evening", "startsAt", inDays(10))))
                .post("/api/v1/campaigns"), "id");
        shared.put("campaign", campaign);
        asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/campaigns/" + campaign + "/schedule");
        for (String side : List.of("visible", "hidden")) {
            Map<String, String> values = side.equals("visible") ? visible : hidden;
            String customer = values.get("customer");
            try {
                var request = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        dev.crmsuite.platform.testing.TopicRecords.eventsFor("crm.customers", customer).stream()
                                .filter(e -> e.path("type").asText().equals("crm.campaign.delivery-requested.v1")
                                        && e.path("data").path("campaignId").asText().equals(campaign))
                                .findFirst().orElse(null), Objects::nonNull);
                values.put("delivery", request.path("data").path("deliveryId").asText());
                values.put("campaignToken", request.path("data").path("rsvpToken").asText());
            } catch (org.awaitility.core.ConditionTimeoutException none) {
                gaps.add(side + " campaign delivery: none requested in 60 s");
                values.put("delivery", UUID.randomUUID().toString());
                values.put("campaignToken", "access" + UUID.randomUUID().toString().replace("-", ""));
            }
        }
    }

    /** The new object's id from the answer (a field, or the Location's last segment); a gap and a random id when it failed. */
    private String created(String what, Response response, String... fields) {
        if (response.statusCode() / 100 == 2) {
            for (String field : fields) {
                Object value = response.path(field);
                if (value != null) {
                    return value.toString();
                }
            }
            String location = response.header("Location");
            if (location != null) {
                return location.substring(location.lastIndexOf('/') + 1);
            }
        }
        gaps.add(what + ": " + response.statusCode() + " " + abbreviate(response.asString()));
        return UUID.randomUUID().toString();
    }

    /** The version of the earning rules in force (a list of versions, a page of them, or one rule set). */
    private String ruleVersion() {
        Response rules = asAdmin().get("/api/v1/loyalty/rules");
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rules.asString());
            var version = json.has("items") ? json.path("items").path(0).path("version")
                    : json.isArray() ? json.path(0).path("version") : json.path("version");
            if (rules.statusCode() == 200 && !version.isMissingNode()) {
                return version.asText();
            }
        } catch (Exception notJson) {
            // reported below
        }
        gaps.add("earning rules version: " + rules.statusCode() + " " + abbreviate(rules.asString()));
        return "1";
    }

    /** An RFC 3339 date-time with its seconds always (an OffsetDateTime prints none when they are 0). */
    static String inDays(int days) {
        return java.time.Instant.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
