package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.JwtKeys;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of the gateway's merged OpenAPI document, exercised once with a valid request
 * through the validating proxy (Prism, --errors): each must get one of its documented 2xx answers, and
 * Prism must see no violation in either direction (RunningSuite fails the class on any). The operations
 * are read from the document the gateway serves; {@link #OPERATIONS} holds one entry per operation
 * ("METHOD /path/template" to a call that makes it succeed on real objects), so a new operation is one
 * line there. Which operations really succeeded is not taken from the table but from the traffic: every
 * request this test sends is recorded with its answer and matched to its operation, so a setup call
 * counts too, and an entry that calls the wrong path does not. Prints
 * {@code operations exercised: N / M documented} and fails naming every operation that has no entry or
 * did not succeed; {@link #CANNOT_SUCCEED_IN_A_RUN} would list any that cannot, each with why (none does now).
 */
@ExtendWith(RunningSuite.class)
class EveryOperationIT {

    /**
     * Operations no e2e run can make succeed, each with the reason. Keep this short: none at present
     * (acknowledging an escalation became possible when staff could escalate a complaint by hand).
     */
    static final Map<String, String> CANNOT_SUCCEED_IN_A_RUN = Map.of();

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBJECT = "every-operation";
    /** Purchases of exactly this amount are invited by this test's survey only (no other test buys it). */
    static final String INVITING_AMOUNT = "43210.00";
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** What an operation's call needs: this test's objects, created on first use. */
    final Map<String, String> ids = new LinkedHashMap<>();
    final List<Sent> traffic = Collections.synchronizedList(new ArrayList<>());
    List<Template> templates = List.of();

    record Sent(String method, String path, int status, String body) {
    }

    /** One documented operation: its key, a pattern for its concrete paths, its media type and success statuses. */
    record Template(String key, String method, Pattern path, int literalSegments, String bodyType, Set<Integer> successes) {
    }

    /**
     * One entry per documented operation, in the order they run (later ones use what earlier ones made).
     * Each returns the answer of the operation's own request.
     */
    static final Map<String, Function<EveryOperationIT, Response>> OPERATIONS = new LinkedHashMap<>();

    static {
        Map<String, Function<EveryOperationIT, Response>> o = OPERATIONS;
        // customers
        o.put("POST /api/v1/customers", t -> t.send("POST", "/api/v1/customers", t.newCustomer("Every Operation", true)));
        o.put("GET /api/v1/customers", t -> t.send("GET", "/api/v1/customers?limit=5", null));
        o.put("GET /api/v1/customers/{id}", t -> t.send("GET", "/api/v1/customers/" + t.customer(), null));
        o.put("PATCH /api/v1/customers/{id}", t -> t.sendIfMatch("PATCH", "/api/v1/customers/" + t.customer(),
                Map.of("phone", "+8613800138009", "tags", List.of("every-operation"))));
        o.put("GET /api/v1/customers/{id}/history", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/history", null));
        o.put("GET /api/v1/customers/{id}/export", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/export", null));
        o.put("POST /api/v1/customers/{id}/purchases", t -> t.send("POST", "/api/v1/customers/" + t.customer() + "/purchases",
                Map.of("externalOrderId", "EVERY-" + UUID.randomUUID(), "amount", 120.50, "currency", t.currency(), "discounted", false)));
        o.put("GET /api/v1/customers/{id}/purchases", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/purchases", null));
        o.put("GET /api/v1/customers/{id}/purchases/{purchaseId}", t -> t.send("GET",
                "/api/v1/customers/" + t.customer() + "/purchases/" + t.purchase(), null));
        o.put("POST /api/v1/customers/{id}/purchases/{purchaseId}/refunds", t -> t.send("POST",
                "/api/v1/customers/" + t.customer() + "/purchases/" + t.purchase() + "/refunds", Map.of("amount", 10.00, "reason", "one item back")));
        o.put("GET /api/v1/customers/{id}/purchases/{purchaseId}/refunds", t -> t.send("GET",
                "/api/v1/customers/" + t.customer() + "/purchases/" + t.purchase() + "/refunds", null));
        o.put("POST /api/v1/customers/{id}/touchpoints", t -> t.send("POST", "/api/v1/customers/" + t.customer() + "/touchpoints",
                Map.of("channel", "VISIT", "direction", "INBOUND", "phase", "SALE", "summary", "came to the shop")));
        o.put("GET /api/v1/customers/{id}/touchpoints", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/touchpoints?channel=VISIT", null));
        o.put("GET /api/v1/customers/{id}/touchpoints/{touchpointId}", t -> t.send("GET",
                "/api/v1/customers/" + t.customer() + "/touchpoints/" + t.touchpoint(), null));
        o.put("POST /api/v1/customers/{id}/follow-ups", t -> t.send("POST", "/api/v1/customers/" + t.customer() + "/follow-ups",
                Map.of("owner", "every.operation", "dueAt", t.inDays(3), "reason", "call back about the order")));
        o.put("GET /api/v1/customers/{id}/follow-ups", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/follow-ups", null));
        o.put("GET /api/v1/follow-ups", t -> t.send("GET", "/api/v1/follow-ups?owner=every.operation", null));
        o.put("GET /api/v1/follow-ups/{followUpId}", t -> t.send("GET", "/api/v1/follow-ups/" + t.followUp(), null));
        o.put("GET /api/v1/follow-ups/queue", t -> t.send("GET", "/api/v1/follow-ups/queue?owner=every.operation", null));
        o.put("POST /api/v1/follow-ups/{followUpId}/completion", t -> t.send("POST", "/api/v1/follow-ups/" + t.followUp() + "/completion",
                Map.of("outcome", "called, all fine")));
        o.put("POST /api/v1/follow-ups/daily-sample", t -> t.send("POST", "/api/v1/follow-ups/daily-sample?day="
                + LocalDate.now(ZoneOffset.UTC), null));
        o.put("POST /api/v1/customers/{id}/referrals", t -> t.send("POST", "/api/v1/customers/" + t.customer() + "/referrals",
                Map.of("referredCustomerId", t.created("referred", "/api/v1/customers", t.newCustomer("Referred Friend", false)), "note", "a friend")));
        o.put("GET /api/v1/customers/{id}/referrals", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/referrals", null));
        o.put("PUT /api/v1/customers/{id}/segmentation", t -> t.send("PUT", "/api/v1/customers/" + t.customer() + "/segmentation",
                Map.of("priceSensitivity", "LOW", "relationshipOrientation", "HIGH", "keyAccount", false)));
        o.put("PUT /api/v1/customers/{id}/stage", t -> t.send("PUT", "/api/v1/customers/" + t.customer() + "/stage",
                Map.of("stage", "TRUSTING", "reason", "long talk in the shop")));
        o.put("DELETE /api/v1/customers/{id}/stage", t -> t.send("DELETE", "/api/v1/customers/" + t.customer() + "/stage", null));
        o.put("GET /api/v1/customers/{id}/timeline", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/timeline", null));
        o.put("POST /api/v1/customers/{id}/merge", t -> {
            String target = t.created("merge target", "/api/v1/customers", t.newCustomer("Merge Target", false));
            String duplicate = t.created("merge duplicate", "/api/v1/customers", t.newCustomer("Merge Duplicate", false));
            return t.send("POST", "/api/v1/customers/" + duplicate + "/merge", Map.of("targetCustomerId", target));
        });
        o.put("POST /api/v1/customers/{id}/erasure", t -> t.send("POST", "/api/v1/customers/"
                + t.created("erased", "/api/v1/customers", t.newCustomer("To Be Erased", false)) + "/erasure", null));
        o.put("POST /api/v1/value-tiers/recompute", t -> t.send("POST", "/api/v1/value-tiers/recompute", null));
        o.put("GET /api/v1/value-tiers/runs/{runId}", t -> {
            String run = t.admin().header("Prefer", "respond-async").request("POST", "/api/v1/value-tiers/recompute")
                    .then().statusCode(202).extract().header("Location");
            return t.send("GET", URI.create(run).getPath(), null);
        });
        o.put("GET /api/v1/analytics/customers", t -> t.send("GET", "/api/v1/analytics/customers", null));
        o.put("GET /api/v1/analytics/lost-customers", t -> {
            t.exitSurveyAnswered();
            return t.send("GET", "/api/v1/analytics/lost-customers", null);
        });
        o.put("GET /api/v1/customers/{id}/overview", t -> t.overview());
        o.put("GET /api/v1/customers/{id}/duplicates", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/duplicates", null));
        o.put("GET /api/v1/customers/duplicate-candidates", t -> t.send("GET", "/api/v1/customers/duplicate-candidates", null));
        o.put("GET /api/v1/customers/{id}/risk", t -> t.send("GET", "/api/v1/customers/" + t.customer() + "/risk", null));
        o.put("GET /api/v1/analytics/at-risk", t -> t.send("GET", "/api/v1/analytics/at-risk", null));
        o.put("GET /api/v1/customers/{id}/suggestions", t -> {
            t.purchase();
            return t.send("GET", "/api/v1/customers/" + t.customer() + "/suggestions", null);
        });
        // The insights' backtests (admin): small generated sets, past dates whose horizon is over.
        o.put("GET /api/v1/analytics/backtests/duplicates", t -> t.send("GET", "/api/v1/analytics/backtests/duplicates?customers=50&seed=7", null));
        o.put("GET /api/v1/analytics/backtests/risk", t -> t.send("GET", "/api/v1/analytics/backtests/risk?horizonDays=30", null));
        o.put("GET /api/v1/analytics/backtests/suggestions", t -> t.send("GET", "/api/v1/analytics/backtests/suggestions", null));
        o.put("GET /api/v1/analytics/backtests/runs/{runId}", t -> {
            // Both kinds in the background (their 202s checked by Prism too); the suggestions run followed to its measures.
            t.admin().header("Prefer", "respond-async").request("GET", "/api/v1/analytics/backtests/risk?horizonDays=30")
                    .then().statusCode(202);
            String run = URI.create(t.admin().header("Prefer", "respond-async").request("GET", "/api/v1/analytics/backtests/suggestions")
                    .then().statusCode(202).extract().header("Location")).getPath();
            await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(t.send("GET", run, null).path("status")));
            return t.send("GET", run, null);
        });
        // privacy: the person's data export, composed by the gateway and each service's part of it
        o.put("GET /api/v1/privacy/customers/{customerId}/export", t -> t.send("GET", "/api/v1/privacy/customers/" + t.customer() + "/export", null));
        o.put("GET /api/v1/privacy/loyalty/customers/{customerId}/export", t -> t.send("GET",
                "/api/v1/privacy/loyalty/customers/" + t.customer() + "/export", null));
        o.put("GET /api/v1/privacy/complaints/customers/{customerId}/export", t -> t.send("GET",
                "/api/v1/privacy/complaints/customers/" + t.customer() + "/export", null));
        o.put("GET /api/v1/privacy/surveys/customers/{customerId}/export", t -> t.send("GET",
                "/api/v1/privacy/surveys/customers/" + t.customer() + "/export", null));

        // loyalty
        o.put("GET /api/v1/loyalty/accounts/{customerId}", t -> t.send("GET", "/api/v1/loyalty/accounts/" + t.member(), null));
        o.put("POST /api/v1/loyalty/accounts/{customerId}/adjustments", t -> t.send("POST", "/api/v1/loyalty/accounts/" + t.member()
                + "/adjustments", Map.of("kind", "BONUS", "points", 50, "reason", "birthday bonus")));
        o.put("GET /api/v1/loyalty/accounts/{customerId}/ledger", t -> t.send("GET", "/api/v1/loyalty/accounts/" + t.member() + "/ledger", null));
        o.put("GET /api/v1/loyalty/accounts/{customerId}/lots", t -> t.send("GET", "/api/v1/loyalty/accounts/" + t.member() + "/lots", null));
        o.put("GET /api/v1/loyalty/accounts/{customerId}/goodwill", t -> t.send("GET", "/api/v1/loyalty/accounts/" + t.member() + "/goodwill", null));
        o.put("POST /api/v1/loyalty/rewards", t -> t.send("POST", "/api/v1/loyalty/rewards",
                Map.of("name", "Every operation mug", "description", "A mug", "pointsCost", 20, "stock", 50)));
        o.put("GET /api/v1/loyalty/rewards", t -> t.send("GET", "/api/v1/loyalty/rewards", null));
        o.put("GET /api/v1/loyalty/rewards/{rewardId}", t -> t.send("GET", "/api/v1/loyalty/rewards/" + t.reward(), null));
        o.put("PATCH /api/v1/loyalty/rewards/{rewardId}", t -> t.sendIfMatch("PATCH", "/api/v1/loyalty/rewards/" + t.reward(),
                Map.of("stock", 49, "description", "A blue mug")));
        o.put("POST /api/v1/loyalty/accounts/{customerId}/redemptions", t -> t.send("POST", "/api/v1/loyalty/accounts/" + t.member()
                + "/redemptions", Map.of("rewardId", t.reward(), "quantity", 1)));
        o.put("GET /api/v1/loyalty/accounts/{customerId}/redemptions", t -> t.send("GET", "/api/v1/loyalty/accounts/" + t.member()
                + "/redemptions", null));
        o.put("GET /api/v1/loyalty/accounts/{customerId}/redemptions/{redemptionId}", t -> t.send("GET", "/api/v1/loyalty/accounts/"
                + t.member() + "/redemptions/" + t.redemption(), null));
        o.put("GET /api/v1/loyalty/analytics", t -> t.send("GET", "/api/v1/loyalty/analytics", null));
        o.put("GET /api/v1/loyalty/tiers", t -> t.send("GET", "/api/v1/loyalty/tiers", null));
        o.put("GET /api/v1/loyalty/rules", t -> t.send("GET", "/api/v1/loyalty/rules", null));
        o.put("GET /api/v1/loyalty/rules/{version}", t -> t.send("GET", "/api/v1/loyalty/rules/" + t.ruleVersion(), null));
        // The rules in force again, as a new version: the suite's earning stays what it was.
        o.put("POST /api/v1/loyalty/rules", t -> t.send("POST", "/api/v1/loyalty/rules",
                Map.of("rules", t.rulesInForce(), "note", "the same rules again (every-operation test)")));
        o.put("POST /api/v1/loyalty/rules/simulate", t -> t.send("POST", "/api/v1/loyalty/rules/simulate",
                Map.of("amount", 250.00, "customerId", t.member())));
        o.put("POST /api/v1/loyalty/rules/backtest", t -> t.send("POST", "/api/v1/loyalty/rules/backtest",
                Map.of("from", t.inDays(-30), "to", t.inDays(0), "draft", t.rulesInForce())));
        o.put("POST /api/v1/loyalty/vouchers", t -> t.send("POST", "/api/v1/loyalty/vouchers",
                Map.of("customerId", t.member(), "kind", "VALUE", "value", 10.00, "validUntil", t.inDays(30))));
        o.put("POST /api/v1/loyalty/vouchers/batches", t -> t.send("POST", "/api/v1/loyalty/vouchers/batches",
                Map.of("count", 2, "kind", "PERCENTAGE", "value", 5, "validUntil", t.inDays(30))));
        o.put("GET /api/v1/loyalty/vouchers", t -> t.send("GET", "/api/v1/loyalty/vouchers?customerId=" + t.member(), null));
        o.put("GET /api/v1/loyalty/vouchers/{code}", t -> t.send("GET", "/api/v1/loyalty/vouchers/" + t.voucher(), null));
        o.put("POST /api/v1/loyalty/vouchers/{code}/redemption", t -> t.send("POST", "/api/v1/loyalty/vouchers/" + t.voucher()
                + "/redemption", Map.of("customerId", t.member(), "orderRef", "EVERY-ORDER-1")));
        o.put("POST /api/v1/loyalty/vouchers/{code}/cancellation", t -> t.send("POST", "/api/v1/loyalty/vouchers/" + t.batchVoucher()
                + "/cancellation", Map.of("reason", "printed by mistake")));

        // complaints
        o.put("POST /api/v1/complaints", t -> t.send("POST", "/api/v1/complaints", t.newComplaint("Blender arrived broken")));
        o.put("GET /api/v1/complaints", t -> t.send("GET", "/api/v1/complaints?customerId=" + t.customer(), null));
        o.put("GET /api/v1/complaints/{id}", t -> t.send("GET", "/api/v1/complaints/" + t.complaint(), null));
        o.put("POST /api/v1/complaints/{id}/acknowledge", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/acknowledge", null));
        o.put("POST /api/v1/complaints/{id}/assignment", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/assignment",
                Map.of("assignee", "ann", "team", "care", "reason", "product expert")));
        o.put("GET /api/v1/complaints/{id}/assignments", t -> t.send("GET", "/api/v1/complaints/" + t.complaint() + "/assignments", null));
        o.put("POST /api/v1/complaints/{id}/start", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/start", null));
        o.put("POST /api/v1/complaints/{id}/comments", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/comments",
                Map.of("body", "Asked for a photo", "visibility", "INTERNAL")));
        o.put("GET /api/v1/complaints/{id}/comments", t -> t.send("GET", "/api/v1/complaints/" + t.complaint() + "/comments", null));
        o.put("POST /api/v1/complaints/{id}/tags", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/tags",
                Map.of("tag", "every-operation", "note", "seen by the coverage test")));
        o.put("GET /api/v1/complaints/{id}/tags", t -> t.send("GET", "/api/v1/complaints/" + t.complaint() + "/tags", null));
        o.put("DELETE /api/v1/complaints/{id}/tags/{tag}", t -> t.send("DELETE", "/api/v1/complaints/" + t.complaint() + "/tags/every-operation", null));
        o.put("POST /api/v1/complaints/{id}/wait-on-customer", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/wait-on-customer", null));
        o.put("GET /api/v1/complaints/{id}/pauses", t -> {
            t.send("POST", "/api/v1/complaints/" + t.complaint() + "/start", null); // back from waiting: the pause ends
            return t.send("GET", "/api/v1/complaints/" + t.complaint() + "/pauses", null);
        });
        o.put("POST /api/v1/complaints/{id}/resolution", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/resolution",
                Map.of("outcome", "New blender sent", "rootCause", "Packing", "firstContactResolution", false, "compensationPoints", 30)));
        o.put("POST /api/v1/complaints/{id}/reopen", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/reopen",
                Map.of("reason", "The new one is broken too")));
        o.put("POST /api/v1/complaints/{id}/close", t -> t.send("POST", "/api/v1/complaints/" + t.resolvedComplaint() + "/close", null));
        o.put("GET /api/v1/complaints/{id}/audit", t -> t.send("GET", "/api/v1/complaints/" + t.complaint() + "/audit", null));
        o.put("GET /api/v1/complaints/stats", t -> t.send("GET", "/api/v1/complaints/stats", null));
        o.put("GET /api/v1/complaints/unknown-customers", t -> t.send("GET", "/api/v1/complaints/unknown-customers", null));
        // This test's complaint (REOPENED by now) escalated by hand to the care lead, who then takes it over.
        o.put("POST /api/v1/complaints/{id}/escalation", t -> t.send("POST", "/api/v1/complaints/" + t.complaint() + "/escalation",
                Map.of("reason", "Customer threatens to cancel the contract")));
        o.put("POST /api/v1/complaints/{id}/escalation/acknowledge", t -> t.send("POST",
                "/api/v1/complaints/" + t.complaint() + "/escalation/acknowledge", null));
        o.put("GET /api/v1/escalations", t -> t.send("GET", "/api/v1/escalations?owner=care-lead", null));

        // surveys
        o.put("POST /api/v1/surveys", t -> t.send("POST", "/api/v1/surveys", t.newSurvey("Every operation: how was your purchase?")));
        o.put("GET /api/v1/surveys", t -> t.send("GET", "/api/v1/surveys", null));
        o.put("GET /api/v1/surveys/{id}", t -> t.send("GET", "/api/v1/surveys/" + t.survey(), null));
        o.put("PUT /api/v1/surveys/{id}", t -> t.sendIfMatch("PUT", "/api/v1/surveys/" + t.survey(),
                t.newSurvey("Every operation: how was your purchase, really?")));
        o.put("POST /api/v1/surveys/{id}/publish", t -> t.send("POST", "/api/v1/surveys/" + t.survey() + "/publish", null));
        o.put("GET /api/v1/surveys/{id}/versions/{version}", t -> t.send("GET", "/api/v1/surveys/" + t.survey() + "/versions/1", null));
        o.put("GET /api/v1/survey-invitations", t -> {
            t.invitation();
            t.uninvitableBuyer();
            return t.send("GET", "/api/v1/survey-invitations?customerId=" + t.invitee(), null);
        });
        o.put("GET /api/v1/survey-invitations/{token}", t -> t.sendAnonymously("GET", "/api/v1/survey-invitations/" + t.invitation(), null));
        o.put("POST /api/v1/survey-invitations/{token}/responses", t -> t.sendAnonymously("POST", "/api/v1/survey-invitations/"
                + t.invitation() + "/responses", Map.of("answers", Map.of("recommend", 9, "why", "Quick and friendly"))));
        o.put("GET /api/v1/surveys/{id}/results", t -> t.send("GET", "/api/v1/surveys/" + t.survey() + "/results", null));
        o.put("GET /api/v1/surveys/{id}/questions/{key}/answers", t -> t.send("GET", "/api/v1/surveys/" + t.survey()
                + "/questions/why/answers", null));
        o.put("GET /api/v1/analytics/satisfaction", t -> t.send("GET", "/api/v1/analytics/satisfaction", null));

        // campaigns (issue 20): an audience holding this test's campaign customer, a newsletter sent to
        // it and reported on, an event invitation answered through its link and attended
        o.put("POST /api/v1/audiences", t -> t.send("POST", "/api/v1/audiences", t.newAudience("Every operation audience")));
        o.put("GET /api/v1/audiences", t -> t.send("GET", "/api/v1/audiences?limit=5", null));
        o.put("GET /api/v1/audiences/{id}", t -> t.send("GET", "/api/v1/audiences/" + t.audience(), null));
        o.put("PATCH /api/v1/audiences/{id}", t -> t.sendIfMatch("PATCH", "/api/v1/audiences/" + t.audience(),
                Map.of("description", "this test's campaign customer")));
        o.put("GET /api/v1/audiences/{id}/preview", t -> t.send("GET", "/api/v1/audiences/" + t.audience() + "/preview?limit=5", null));
        o.put("DELETE /api/v1/audiences/{id}", t -> t.sendIfMatch("DELETE", "/api/v1/audiences/"
                + t.created("spare audience", "/api/v1/audiences", t.newAudience("Every operation spare audience")), null));
        o.put("POST /api/v1/campaigns", t -> t.send("POST", "/api/v1/campaigns", t.newCampaign("Every operation offer", "OFFER", null)));
        o.put("GET /api/v1/campaigns", t -> t.send("GET", "/api/v1/campaigns?limit=5", null));
        o.put("GET /api/v1/campaigns/{id}", t -> t.send("GET", "/api/v1/campaigns/" + t.newsletter(), null));
        o.put("PATCH /api/v1/campaigns/{id}", t -> t.sendIfMatch("PATCH", "/api/v1/campaigns/" + t.newsletter(),
                Map.of("subject", "What is new, every operation")));
        o.put("POST /api/v1/campaigns/{id}/schedule", t -> t.send("POST", "/api/v1/campaigns/" + t.newsletter() + "/schedule", Map.of()));
        o.put("GET /api/v1/campaigns/{id}/deliveries", t -> {
            t.newsletterDelivery();
            return t.send("GET", "/api/v1/campaigns/" + t.newsletter() + "/deliveries?status=REQUESTED", null);
        });
        o.put("POST /api/v1/campaign-deliveries/{id}/reports", t -> t.send("POST", "/api/v1/campaign-deliveries/"
                + t.newsletterDelivery() + "/reports", Map.of("report", "DELIVERED")));
        o.put("GET /api/v1/customers/{id}/communications", t -> t.send("GET", "/api/v1/customers/" + t.campaignCustomer()
                + "/communications", null));
        o.put("GET /api/v1/campaigns/{id}/report", t -> t.send("GET", "/api/v1/campaigns/" + t.newsletter() + "/report", null));
        o.put("POST /api/v1/campaigns/{id}/cancellation", t -> t.send("POST", "/api/v1/campaigns/" + t.created("cancelled campaign",
                "/api/v1/campaigns", t.newCampaign("Every operation cancelled", "OFFER", null)) + "/cancellation", Map.of("reason", "plans changed")));
        o.put("GET /api/v1/campaign-invitations/{token}", t -> t.sendAnonymously("GET", "/api/v1/campaign-invitations/" + t.rsvpToken(), null));
        o.put("POST /api/v1/campaign-invitations/{token}/rsvp", t -> t.sendAnonymously("POST", "/api/v1/campaign-invitations/"
                + t.rsvpToken() + "/rsvp", Map.of("response", "ACCEPTED")));
        o.put("POST /api/v1/campaigns/{id}/attendance", t -> {
            t.awaitEventStart();
            return t.send("POST", "/api/v1/campaigns/" + t.eventInvitation() + "/attendance", Map.of("customerIds", List.of(t.campaignCustomer())));
        });

        // the gateway's own
        o.put("POST /api/v1/webhooks", t -> t.send("POST", "/api/v1/webhooks", Map.of("url", "https://192.0.2.10/every-operation",
                "eventTypes", List.of("crm.drill.never.v1"), "description", "never delivered: TEST-NET-1")));
        o.put("GET /api/v1/webhooks", t -> t.send("GET", "/api/v1/webhooks", null));
        o.put("GET /api/v1/webhooks/{id}", t -> t.send("GET", "/api/v1/webhooks/" + t.webhook(), null));
        o.put("GET /api/v1/webhooks/{id}/attempts", t -> t.send("GET", "/api/v1/webhooks/" + t.webhook() + "/attempts", null));
        o.put("POST /api/v1/webhooks/{id}/secret-rotation", t -> t.send("POST", "/api/v1/webhooks/" + t.webhook() + "/secret-rotation", null));
        o.put("POST /api/v1/webhooks/{id}/enable", t -> t.send("POST", "/api/v1/webhooks/" + t.webhook() + "/enable", null));
        o.put("DELETE /api/v1/webhooks/{id}", t -> t.send("DELETE", "/api/v1/webhooks/" + t.webhook(), null));
        o.put("POST /api/v1/admin/api-keys", t -> t.send("POST", "/api/v1/admin/api-keys",
                Map.of("partner", "Every operation partner", "scopes", List.of("customers:read"), "requestsPerMinute", 60)));
        o.put("GET /api/v1/admin/api-keys", t -> t.send("GET", "/api/v1/admin/api-keys", null));
        o.put("POST /api/v1/admin/api-keys/{id}/rotation", t -> t.send("POST", "/api/v1/admin/api-keys/" + t.apiKey() + "/rotation", null));
        o.put("GET /api/v1/partner/openapi", t -> t.send("GET", "/api/v1/partner/openapi", null));
        o.put("DELETE /api/v1/admin/api-keys/{id}", t -> t.send("DELETE", "/api/v1/admin/api-keys/" + t.apiKey(), null));
        // Last: the rebuild empties the overview read model and replays the topics into it; the test
        // waits until this test's customer is back, so no later test finds it empty.
        o.put("POST /api/v1/admin/overview/rebuild", t -> {
            Response rebuilt = t.send("POST", "/api/v1/admin/overview/rebuild", null);
            t.overview();
            return rebuilt;
        });
    }

    @Test
    void every_documented_operation_answers_a_valid_request_as_documented() throws Exception {
        JsonNode document = JSON.readTree(given().baseUri(RunningSuite.gateway()).accept("application/json")
                .get("/q/openapi?format=json").asString());
        templates = templates(document);
        Set<String> documented = new TreeSet<>();
        templates.forEach(op -> documented.add(op.key()));

        List<String> noEntry = documented.stream().filter(k -> !OPERATIONS.containsKey(k) && !CANNOT_SUCCEED_IN_A_RUN.containsKey(k)).toList();
        List<String> notDocumented = OPERATIONS.keySet().stream().filter(k -> !documented.contains(k)).toList();
        List<String> failed = new ArrayList<>();
        for (var entry : OPERATIONS.entrySet()) {
            if (!documented.contains(entry.getKey())) {
                continue;
            }
            try {
                Response r = entry.getValue().apply(this);
                if (r.statusCode() / 100 != 2) {
                    failed.add(entry.getKey() + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
                }
            } catch (RuntimeException | AssertionError e) {
                failed.add(entry.getKey() + " -> " + e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
            }
        }

        // What Prism saw succeed: every request of this test, matched to its operation, with a documented 2xx.
        Set<String> exercised = new TreeSet<>();
        synchronized (traffic) {
            for (Sent sent : traffic) {
                Template op = match(sent.method(), sent.path());
                if (op != null && op.successes().contains(sent.status())) {
                    exercised.add(op.key());
                }
            }
        }
        List<String> missing = documented.stream().filter(k -> !exercised.contains(k)).toList();
        System.out.printf("operations exercised: %d / %d documented%n", exercised.size(), documented.size());
        missing.forEach(k -> System.out.println("  not exercised: " + k
                + (CANNOT_SUCCEED_IN_A_RUN.containsKey(k) ? " (excluded: " + CANNOT_SUCCEED_IN_A_RUN.get(k) + ")" : "")
                + (noEntry.contains(k) ? " (no entry in EveryOperationIT.OPERATIONS)" : "")));
        failed.forEach(f -> System.out.println("  failed: " + f));
        // Not a failure: an operation that went away is the compatibility check's to catch (contracts/check).
        notDocumented.forEach(k -> System.out.println("  entry for an operation the document does not have (not sent): " + k));

        assertThat(noEntry).as("documented operations without an entry in EveryOperationIT.OPERATIONS").isEmpty();
        assertThat(failed).as("operations whose valid request did not get a 2xx").isEmpty();
        assertThat(missing.stream().filter(k -> !CANNOT_SUCCEED_IN_A_RUN.containsKey(k)).toList())
                .as("documented operations that no request of this test made succeed").isEmpty();
    }

    // ------------------------------------------------------------------ sending and bookkeeping

    private final Filter recorder = (request, response, context) -> {
        Response r = context.next(request, response);
        traffic.add(new Sent(request.getMethod(), URI.create(request.getURI()).getRawPath(), r.statusCode(), null));
        return r;
    };

    RequestSpecification admin() {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer(SUBJECT, "admin")).filter(recorder);
    }

    /** The operation's request: as admin through Prism, the body as the document's media type for the operation. */
    Response send(String method, String pathAndQuery, Object body) {
        return send(admin(), method, pathAndQuery, body, null);
    }

    Response sendAnonymously(String method, String pathAndQuery, Object body) {
        return send(given().baseUri(RunningSuite.api()).filter(recorder), method, pathAndQuery, body, null);
    }

    /** A write that needs the ETag of what it changes (428 without): read it first. */
    Response sendIfMatch(String method, String path, Object body) {
        String etag = send("GET", path, null).header("ETag");
        return send(admin(), method, path, body, etag);
    }

    private Response send(RequestSpecification spec, String method, String pathAndQuery, Object body, String ifMatch) {
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        if (ifMatch != null) {
            spec.header("If-Match", ifMatch);
        }
        if (body != null) {
            Template op = match(method, path);
            spec.contentType(op != null && op.bodyType() != null ? op.bodyType() : "application/json").body(body);
        }
        return spec.request(method, pathAndQuery);
    }

    /** The operation a concrete request belongs to; of several matching templates the most literal one. */
    Template match(String method, String path) {
        Template best = null;
        for (Template t : templates) {
            if (t.method().equals(method) && t.path().matcher(path).matches()
                    && (best == null || t.literalSegments() > best.literalSegments())) {
                best = t;
            }
        }
        return best;
    }

    static List<Template> templates(JsonNode document) {
        List<Template> out = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().properties().forEach(m -> {
                if (!METHODS.contains(m.getKey())) {
                    return;
                }
                String[] segments = path.getKey().split("/");
                StringBuilder regex = new StringBuilder();
                int literal = 0;
                for (String segment : segments) {
                    if (segment.isEmpty()) {
                        continue;
                    }
                    if (segment.startsWith("{")) {
                        regex.append("/[^/]+");
                    } else {
                        regex.append('/').append(Pattern.quote(segment));
                        literal++;
                    }
                }
                Set<Integer> successes = new TreeSet<>();
                m.getValue().path("responses").fieldNames().forEachRemaining(s -> {
                    if (s.matches("2\\d\\d")) {
                        successes.add(Integer.parseInt(s));
                    }
                });
                var types = m.getValue().path("requestBody").path("content").fieldNames();
                out.add(new Template(m.getKey().toUpperCase() + " " + path.getKey(), m.getKey().toUpperCase(),
                        Pattern.compile(regex.toString()), literal, types.hasNext() ? types.next() : null, successes));
            });
        });
        return out;
    }

    // ------------------------------------------------------------------ this test's objects

    /** Creates with a POST and returns the new object's id (field id/code, else the Location's last segment), memoised by name. */
    String created(String name, String path, Object body) {
        return memo(name, n -> {
            Response r = send("POST", path, body);
            assertThat(r.statusCode()).as("creating the %s: %s", n, r.asString()).isBetween(200, 299);
            return idOf(r);
        });
    }

    /** What {@code make} returns, made once per name (a plain get-then-put: making one object may make others). */
    String memo(String name, Function<String, String> make) {
        String known = ids.get(name);
        if (known == null) {
            known = make.apply(name);
            ids.put(name, known);
        }
        return known;
    }

    static String idOf(Response r) {
        for (String field : List.of("id", "code", "purchaseId", "redemptionId")) {
            Object value = r.path(field);
            if (value != null) {
                return value.toString();
            }
        }
        String location = Objects.requireNonNull(r.header("Location"), "no id and no Location in " + r.asString());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    Map<String, Object> newCustomer(String name, boolean partnerSharing) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return Map.of("kind", "PERSON", "name", name, "email", email, "acquisitionChannel", "STORE",
                "consents", Map.of("marketing", true, "partnerSharing", partnerSharing));
    }

    String customer() {
        return created("customer", "/api/v1/customers", newCustomer("Every Operation", true));
    }

    // ------------------------------------------------------------------ campaigns (issue 20)

    static final String CAMPAIGN_TAG = "every-operation-campaign";
    /** When this test's event invitation's event starts: answered before, attended after. */
    Instant eventStartsAt;

    /** A customer with marketing consent and the campaign tag: the only one the audience holds. */
    String campaignCustomer() {
        return memo("campaign customer", n -> {
            Map<String, Object> body = new LinkedHashMap<>(newCustomer("Campaign Customer", false));
            body.put("tags", List.of(CAMPAIGN_TAG));
            return created(n, "/api/v1/customers", body);
        });
    }

    Map<String, Object> newAudience(String name) {
        return Map.of("name", name + " " + UUID.randomUUID().toString().substring(0, 8),
                "filter", Map.of("tags", Map.of("allOf", List.of(CAMPAIGN_TAG))));
    }

    String audience() {
        campaignCustomer();
        return created("audience", "/api/v1/audiences", newAudience("Every operation audience"));
    }

    /** No holdout: the one customer must receive what this test sends. */
    Map<String, Object> newCampaign(String name, String kind, Map<String, Object> event) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "kind", kind, "audienceId", audience(),
                "subject", name, "templateKey", "every-operation/" + kind.toLowerCase(), "holdoutShare", 0));
        if (event != null) {
            body.put("event", event);
        }
        return body;
    }

    String newsletter() {
        return created("newsletter", "/api/v1/campaigns", newCampaign("Every operation newsletter", "NEWSLETTER", null));
    }

    /** The campaign's status once it left SCHEDULED and SENDING (the sweep runs every 2 s in RunningSuite). */
    void awaitSent(String campaign) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                admin().get("/api/v1/campaigns/" + campaign).path("status"), "SENT"::equals);
    }

    String newsletterDelivery() {
        return memo("newsletter delivery", n -> {
            awaitSent(newsletter());
            return admin().queryParam("status", "REQUESTED").get("/api/v1/campaigns/" + newsletter() + "/deliveries")
                    .then().statusCode(200).extract().path("items[0].id");
        });
    }

    /** An event invitation sent at once, its event 30 s later: time to answer before it starts. */
    String eventInvitation() {
        return memo("event invitation", n -> {
            eventStartsAt = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
            String id = created(n, "/api/v1/campaigns", newCampaign("Every operation evening", "EVENT_INVITATION",
                    Map.of("title", "Every operation evening", "startsAt", eventStartsAt.toString(), "location", "Flagship store")));
            send("POST", "/api/v1/campaigns/" + id + "/schedule", Map.of());
            awaitSent(id);
            return id;
        });
    }

    /** The RSVP link's token: only the delivery request carries it (to the mailer), so it is read from the topic. */
    String rsvpToken() {
        return memo("rsvp token", n -> {
            String campaign = eventInvitation();
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    dev.crmsuite.platform.testing.TopicRecords.eventsFor("crm.customers", campaignCustomer()).stream()
                            .filter(e -> e.path("type").asText().equals("crm.campaign.delivery-requested.v1")
                                    && e.path("data").path("campaignId").asText().equals(campaign))
                            .map(e -> e.path("data").path("rsvpToken").asText(null)).filter(Objects::nonNull).findFirst()
                            .orElse(null), Objects::nonNull);
        });
    }

    void awaitEventStart() {
        eventInvitation();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Instant.now().isAfter(eventStartsAt.plusSeconds(1)));
    }

    /** The installation's one currency (issue 16 item 2): the services' default, as RunningSuite starts them. */
    String currency() {
        return "CNY";
    }

    String purchase() {
        return created("purchase", "/api/v1/customers/" + customer() + "/purchases",
                Map.of("externalOrderId", "EVERY-" + UUID.randomUUID(), "amount", 880.00, "currency", currency(), "discounted", false));
    }

    String touchpoint() {
        return created("touchpoint", "/api/v1/customers/" + customer() + "/touchpoints",
                Map.of("channel", "PHONE", "direction", "OUTBOUND", "phase", "AFTER_SALE", "summary", "asked how it went"));
    }

    String followUp() {
        return created("followUp", "/api/v1/customers/" + customer() + "/follow-ups",
                Map.of("owner", "every.operation", "dueAt", inDays(2), "reason", "check the delivery"));
    }

    /** An RFC 3339 date-time: Instant prints its seconds always (an OffsetDateTime drops ":00", which Prism refuses). */
    String inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The customer with a loyalty account and points enough for a reward, a redemption and a voucher. */
    String member() {
        String id = customer();
        purchase();
        memo("account", n -> {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Response account = admin().get("/api/v1/loyalty/accounts/" + id);
                return account.statusCode() == 200 && ((Number) account.path("balance")).longValue() >= 40;
            });
            return id;
        });
        return id;
    }

    String reward() {
        return created("reward", "/api/v1/loyalty/rewards", Map.of("name", "Every operation pen", "pointsCost", 20, "stock", 10));
    }

    String redemption() {
        return created("redemption", "/api/v1/loyalty/accounts/" + member() + "/redemptions", Map.of("points", 10));
    }

    String ruleVersion() {
        return memo("ruleVersion", n -> {
            // The version in force, not the newest: a drill may have added one that starts in the future.
            JsonNode page = readJson(send("GET", "/api/v1/loyalty/rules?limit=200", null).asString());
            JsonNode items = page.has("items") ? page.path("items") : page;
            for (JsonNode version : items) {
                if (version.path("inForce").asBoolean(false)) {
                    return version.path("version").asText();
                }
            }
            return items.path(0).path("version").asText();
        });
    }

    /** The earning rules of the version in force, as a request takes them (what the answer adds itself left out). */
    JsonNode rulesInForce() {
        JsonNode version = readJson(send("GET", "/api/v1/loyalty/rules/" + ruleVersion(), null).asString());
        return version.path("rules");
    }

    String voucher() {
        return created("voucher", "/api/v1/loyalty/vouchers",
                Map.of("customerId", member(), "kind", "VALUE", "value", 5.00, "validUntil", inDays(20)));
    }

    String batchVoucher() {
        return memo("batchVoucher", n -> {
            Response r = send("POST", "/api/v1/loyalty/vouchers/batches",
                    Map.of("count", 1, "kind", "VALUE", "value", 3, "validUntil", inDays(20)));
            JsonNode body = readJson(r.asString());
            JsonNode first = body.has("items") ? body.path("items").path(0) : body.has("vouchers") ? body.path("vouchers").path(0)
                    : body.isArray() ? body.path(0) : body;
            return first.has("code") ? first.path("code").asText() : first.asText();
        });
    }

    Map<String, Object> newComplaint(String subject) {
        return Map.of("customerId", customer(), "channel", "EMAIL", "category", "PRODUCT", "subject", subject,
                "description", "Filed by the every-operation test", "priority", "MEDIUM");
    }

    String complaint() {
        return created("complaint", "/api/v1/complaints", newComplaint("Kettle leaks"));
    }

    /** A complaint of its own taken to RESOLVED, so it can be closed. */
    String resolvedComplaint() {
        return memo("resolvedComplaint", n -> {
            String id = idOf(send("POST", "/api/v1/complaints", newComplaint("Wrong colour")));
            send("POST", "/api/v1/complaints/" + id + "/acknowledge", null);
            send("POST", "/api/v1/complaints/" + id + "/start", null);
            send("POST", "/api/v1/complaints/" + id + "/resolution",
                    Map.of("outcome", "Exchanged", "rootCause", "Picking error", "firstContactResolution", true));
            return id;
        });
    }

    Map<String, Object> newSurvey(String title) {
        return Map.of("title", title, "questions", List.of(
                        Map.of("key", "recommend", "type", "NPS", "text", "Would you recommend us?", "required", true),
                        Map.of("key", "why", "type", "FREE_TEXT", "text", "Why?")),
                "triggers", List.of(Map.of("on", "PURCHASE_RECORDED", "minimumAmount", Double.parseDouble(INVITING_AMOUNT))));
    }

    String survey() {
        return created("survey", "/api/v1/surveys", newSurvey("Every operation: how was your purchase?"));
    }

    String invitee() {
        return created("invitee", "/api/v1/customers", newCustomer("Invited Buyer", false));
    }

    /** The invitation this test's published survey sends for a purchase of {@link #INVITING_AMOUNT}. */
    String invitation() {
        return memo("token", n -> {
            String buyer = invitee();
            send("POST", "/api/v1/customers/" + buyer + "/purchases", Map.of("externalOrderId", "EVERY-INVITE-" + UUID.randomUUID(),
                    "amount", Double.parseDouble(INVITING_AMOUNT), "currency", currency(), "discounted", false));
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Response list = admin().queryParam("customerId", buyer).get("/api/v1/survey-invitations");
                List<String> tokens = list.statusCode() == 200 ? list.jsonPath().getList("items.token") : List.of();
                return tokens.stream().filter(Objects::nonNull).findFirst().orElse(null);
            }, Objects::nonNull);
        });
    }

    /**
     * A customer marked LOST answers the exit survey's choice question, which publishes
     * crm.survey.exit-reasons.recorded.v1 (PublishedEventsIT counts every event type of the run). Best
     * effort: what does not happen here shows up there as an event type not seen.
     */
    void exitSurveyAnswered() {
        try {
            String survey = created("exitSurvey", "/api/v1/surveys", Map.of("title", "Every operation: why did you leave?",
                    "questions", List.of(Map.of("key", "reason", "type", "SINGLE_CHOICE", "text", "What made you leave?",
                            "required", true, "options", List.of("PRICE", "SERVICE", "OTHER"))),
                    "triggers", List.of(Map.of("on", "CUSTOMER_MARKED_LOST"))));
            send("POST", "/api/v1/surveys/" + survey + "/publish", null);
            String leaver = created("leaver", "/api/v1/customers", newCustomer("Leaving Customer", false));
            send("PUT", "/api/v1/customers/" + leaver + "/stage", Map.of("stage", "LOST", "reason", "went to a competitor",
                    "lostReasonCode", "PRICE", "lostReasonText", "cheaper elsewhere"));
            String token = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Response list = admin().queryParam("customerId", leaver).get("/api/v1/survey-invitations");
                List<Map<String, Object>> items = list.statusCode() == 200 ? list.jsonPath().getList("items") : List.of();
                return items.stream().filter(i -> survey.equals(i.get("surveyId")) && i.get("token") != null)
                        .map(i -> (String) i.get("token")).findFirst().orElse(null);
            }, Objects::nonNull);
            Response answered = sendAnonymously("POST", "/api/v1/survey-invitations/" + token + "/responses",
                    Map.of("answers", Map.of("reason", "PRICE")));
            if (answered.statusCode() != 201) {
                System.out.println("exit survey: the answer got " + answered.statusCode() + " " + abbreviate(answered.asString()));
            }
        } catch (RuntimeException | AssertionError e) {
            System.out.println("exit survey: not answered: " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    /**
     * A buyer who gave no marketing consent makes the same inviting purchase: survey-service skips the
     * invitation (crm.survey.invitation.skipped.v1, NO_MARKETING_CONSENT), which PublishedEventsIT must see.
     */
    void uninvitableBuyer() {
        Map<String, Object> customer = new LinkedHashMap<>(newCustomer("No Surveys Please", false));
        customer.put("consents", Map.of("marketing", false, "partnerSharing", false));
        String buyer = created("uninvitable", "/api/v1/customers", customer);
        send("POST", "/api/v1/customers/" + buyer + "/purchases", Map.of("externalOrderId", "EVERY-NO-SURVEY-" + UUID.randomUUID(),
                "amount", Double.parseDouble(INVITING_AMOUNT), "currency", currency(), "discounted", false));
    }

    String webhook() {
        return created("webhook", "/api/v1/webhooks", Map.of("url", "https://192.0.2.10/every-operation-2",
                "eventTypes", List.of("crm.drill.never.v1")));
    }

    String apiKey() {
        return created("apiKey", "/api/v1/admin/api-keys",
                Map.of("partner", "Every operation rotation", "scopes", List.of("customers:read"), "requestsPerMinute", 60));
    }

    /** The customer's 360 overview, once the gateway's read model has it (it is built from events). */
    Response overview() {
        String id = customer();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> send("GET", "/api/v1/customers/" + id + "/overview", null), r -> r.statusCode() == 200);
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + abbreviate(text), e);
        }
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
