package dev.crmsuite.customer.value;

import dev.crmsuite.platform.testing.ControllableClock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.CustomerFacts;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.crmsuite.customer.support.Api.purchase;
import static dev.crmsuite.customer.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Purchases, refunds, 12-month revenue, lifetime value, Pareto tiers and the segment they drive. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ValueTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String body(String orderId, String amount) {
        return "{\"externalOrderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"currency\":\"CNY\",\"discounted\":false,"
                + "\"items\":[{\"sku\":\"TV-55\",\"name\":\"TV\",\"quantity\":1,\"unitPrice\":" + amount + "}]}";
    }

    @Test
    void a_purchase_is_recorded_once_per_external_order_id() {
        String id = Api.register();
        String first = given().contentType(ContentType.JSON).body(body("ORD-1", "1200.50"))
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(201)
                .body("amount", equalTo(1200.50f)).extract().path("id");
        given().contentType(ContentType.JSON).body(body("ORD-1", "1200.50"))
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(200).body("id", equalTo(first));
        given().contentType(ContentType.JSON).body(body("ORD-1", "99.00"))
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(409)
                .body("errors.field", hasItem("externalOrderId")).body("existingPurchaseId", equalTo(first));
        given().get("/api/v1/customers/" + id + "/purchases").then().statusCode(200).body("items.size()", equalTo(1));
        given().get("/api/v1/customers/" + id).then()
                .body("value.revenue12Months", equalTo(1200.50f))
                .body("value.lifetimeValue.value", equalTo(12005.00f))
                .body("value.lifetimeValue.annualOwnRevenue", equalTo(1200.50f))
                .body("value.lifetimeValue.annualReferralRevenue", equalTo(0f))
                .body("value.lifetimeValue.formula", equalTo("(1200.50 + 0.00) x 10"))
                .body("lifecycle.stage", equalTo("TRUSTING"));

        List<JsonNode> recorded = Api.events(id, "crm.purchase.recorded.v1", 1);
        assertThat(recorded).hasSize(1);
        JsonNode e = recorded.getFirst();
        assertThat(e.get("purchaseId").asText()).isEqualTo(first);
        assertThat(e.get("externalOrderId").asText()).isEqualTo("ORD-1");
        assertThat(e.get("amount").decimalValue()).isEqualByComparingTo("1200.50");
        assertThat(e.get("currency").asText()).isEqualTo("CNY");
        assertThat(e.get("customerStage").asText()).isEqualTo("TRUSTING");
        assertThat(e.has("customerSegment")).isTrue();
        assertThat(e.has("customerValueTier")).isTrue();
        assertThat(e.get("items").get(0).get("sku").asText()).isEqualTo("TV-55");
    }

    @Test
    void refunds_partial_then_full_and_never_more_than_paid() {
        String id = Api.register();
        String p = purchase(id, "ORD-R", "1000.00", false, null);
        given().contentType(ContentType.JSON).body("{\"amount\":300.00,\"reason\":\"scratch\"}")
                .post("/api/v1/customers/" + id + "/purchases/" + p + "/refunds").then().statusCode(201)
                .body("amount", equalTo(300.00f)).body("purchaseRefundedAmount", equalTo(300.00f));
        given().get("/api/v1/customers/" + id).then().body("value.revenue12Months", equalTo(700.00f));
        given().contentType(ContentType.JSON).body("{\"amount\":700.01}")
                .post("/api/v1/customers/" + id + "/purchases/" + p + "/refunds").then().statusCode(422)
                .body("errors.field", hasItem("amount"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/customers/" + id + "/purchases/" + p + "/refunds").then().statusCode(201)
                .body("amount", equalTo(700.00f)).body("purchaseRefundedAmount", equalTo(1000.00f));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/customers/" + id + "/purchases/" + p + "/refunds").then().statusCode(409);
        given().get("/api/v1/customers/" + id).then().body("value.revenue12Months", equalTo(0f))
                .body("lifecycle.stage", equalTo("PROSPECT"));
        given().contentType(ContentType.JSON).body("{\"amount\":-5}")
                .post("/api/v1/customers/" + id + "/purchases/" + p + "/refunds").then().statusCode(400)
                .body("errors.field", hasItem("amount"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/customers/" + id + "/purchases/" + java.util.UUID.randomUUID() + "/refunds").then().statusCode(404);

        List<JsonNode> refunded = Api.events(id, "crm.purchase.refunded.v1", 2);
        assertThat(refunded).hasSize(2);
        assertThat(refunded.get(0).get("amount").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(refunded.get(1).get("amount").decimalValue()).isEqualByComparingTo("700.00");
        assertThat(refunded.get(1).get("purchaseAmount").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(refunded.get(1).get("purchaseId").asText()).isEqualTo(p);
    }

    @Test
    void only_the_last_12_months_count_as_revenue() {
        String id = Api.register();
        String old = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(13).toString();
        purchase(id, "ORD-OLD", "5000.00", false, old);
        purchase(id, "ORD-NEW", "100.00", false, null);
        given().get("/api/v1/customers/" + id).then().body("value.revenue12Months", equalTo(100.00f));
    }

    @Test
    void a_recomputation_writes_only_the_customers_whose_value_changed() {
        String decayed = Api.register();
        String referrer = Api.register();
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + decayed + "\"}")
                .post("/api/v1/customers/" + referrer + "/referrals").then().statusCode(201);
        purchase(decayed, unique("DECAY"), "300.00", false, null);
        purchase(referrer, unique("REFERRER"), "100.00", false, null);
        String steady = Api.register();
        purchase(steady, unique("STEADY"), "200.00", false, null);
        given().post("/api/v1/value-tiers/recompute").then().statusCode(200);
        // One customer's purchase ages past a year (in SQL: moving the clock would age every customer's), so
        // the next run finds its revenue, and its referrer's referral revenue, gone.
        Rows.update("update purchase set purchased_at = purchased_at - interval '13 months' where customer_id = cast(? as uuid)", decayed);
        var decayedBefore = given().get("/api/v1/customers/" + decayed).then().statusCode(200)
                .body("value.lifetimeValue.value", equalTo(3000.00f)).extract();
        var steadyBefore = given().get("/api/v1/customers/" + steady).then().statusCode(200).extract();
        var referrerBefore = given().get("/api/v1/customers/" + referrer).then().statusCode(200)
                .body("value.lifetimeValue.formula", equalTo("(100.00 + 300.00) x 10")).extract();

        String runAt = given().post("/api/v1/value-tiers/recompute").then().statusCode(200).extract().path("computedAt");

        var decayedAfter = given().get("/api/v1/customers/" + decayed).then().statusCode(200)
                .body("value.revenue12Months", equalTo(0f))
                .body("value.lifetimeValue.value", equalTo(0f))
                .body("value.lifetimeValue.formula", equalTo("(0.00 + 0.00) x 10")).extract();
        // The run's time as stored (PostgreSQL rounds to microseconds).
        assertThat(OffsetDateTime.parse(decayedAfter.<String>path("value.computedAt")))
                .isCloseTo(OffsetDateTime.parse(runAt), within(1, ChronoUnit.MICROS));
        assertThat(decayedAfter.header("ETag")).as("a changed value is a new version").isNotEqualTo(decayedBefore.header("ETag"));
        var referrerAfter = given().get("/api/v1/customers/" + referrer).then().statusCode(200)
                .body("value.lifetimeValue.annualReferralRevenue", equalTo(0f))
                .body("value.lifetimeValue.value", equalTo(1000.00f))
                .body("value.lifetimeValue.formula", equalTo("(100.00 + 0.00) x 10")).extract();
        assertThat(referrerAfter.header("ETag")).isNotEqualTo(referrerBefore.header("ETag"));
        var steadyAfter = given().get("/api/v1/customers/" + steady).then().statusCode(200)
                .body("value.lifetimeValue.value", equalTo(2000.00f)).extract();
        assertThat(steadyAfter.header("ETag")).as("an unchanged value is not rewritten").isEqualTo(steadyBefore.header("ETag"));
        assertThat(steadyAfter.<String>path("value.computedAt")).isEqualTo(steadyBefore.<String>path("value.computedAt"));
    }

    @Test
    void pareto_tiers_on_a_known_revenue_distribution() {
        // Shares of a total of 1,000M: 50%, 20%, 12%, 10%, 5%, 3%. Cumulative before each: 0, .50, .70, .82, .92, .97.
        // A = the top customers who together make 80% (the one crossing the line included): the first three.
        // B = up to 95%: the next two. C: the last. Other tests' customers are too small to move these lines.
        String[] amounts = {"500000000.00", "200000000.00", "120000000.00", "100000000.00", "50000000.00", "30000000.00"};
        List<String> ids = new ArrayList<>();
        for (String amount : amounts) {
            String id = Api.register();
            purchase(id, unique("BIG"), amount, false, null);
            ids.add(id);
        }
        given().post("/api/v1/value-tiers/recompute").then().statusCode(200)
                .body("tierAShare", equalTo(0.8f));
        String[] expected = {"A", "A", "A", "B", "B", "C"};
        for (int i = 0; i < ids.size(); i++) {
            given().get("/api/v1/customers/" + ids.get(i)).then().statusCode(200).body("value.valueTier", equalTo(expected[i]));
        }
        // Ranked range by range (crm.customer.value.bulk-batch is 7 here), every customer's tier is the one the
        // whole ranking in one statement gives.
        assertThat(Rows.count("select count(*) from customer where merged_into is null")).isGreaterThan(7);
        assertThat(Rows.count("""
                select count(*) from customer where merged_into is null
                  and lifetime_value <> (revenue_12m + referral_revenue_12m) * 10""")).as("every range's lifetime value settled").isZero();
        assertThat(Rows.count("""
                with ranked as (
                    select id, revenue_12m,
                           sum(revenue_12m) over (order by revenue_12m desc, id rows between unbounded preceding and current row)
                               - revenue_12m as before,
                           sum(revenue_12m) over () as total
                    from customer where merged_into is null),
                tiers as (
                    select id, case when total <= 0 or revenue_12m <= 0 then 'C' when before < 0.80 * total then 'A'
                                    when before < 0.95 * total then 'B' else 'C' end as tier
                    from ranked)
                select count(*) from customer c join tiers t on t.id = c.id where c.value_tier is distinct from t.tier""")).isZero();
        String lastEmail = given().get("/api/v1/customers/" + ids.get(5)).then().extract().path("email");
        given().queryParam("valueTier", "C").queryParam("q", lastEmail).get("/api/v1/customers")
                .then().statusCode(200).body("items.id", hasItem(ids.get(5)));
        given().queryParam("valueTier", "A").queryParam("q", lastEmail).get("/api/v1/customers")
                .then().statusCode(200).body("items.size()", equalTo(0));
        // A tier change is published, so other services see the new tier.
        List<JsonNode> updates = Api.events(ids.getFirst(), "crm.customer.updated.v1", 1);
        assertThat(updates).anySatisfy(u -> {
            assertThat(u.get("changedFields").toString()).contains("valueTier");
            assertThat(u.get("valueTier").asText()).isEqualTo("A");
        });
    }

    @Test
    void segment_is_derived_from_discount_share_and_repeat_rate() {
        String relational = Api.register();
        for (int i = 0; i < 4; i++) {
            purchase(relational, "R-" + i, "100.00", i < 3, null);
        }
        given().get("/api/v1/customers/" + relational).then()
                .body("segmentation.priceSensitivity", equalTo("HIGH"))
                .body("segmentation.relationshipOrientation", equalTo("HIGH"))
                .body("segmentation.priceSensitivitySource", equalTo("DERIVED"))
                .body("segmentation.segment", equalTo("RELATIONAL"))
                .body("segmentation.servicePolicy.servedBy", equalTo("senior staff"));

        String transactional = Api.register();
        for (int i = 0; i < 3; i++) {
            purchase(transactional, "T-" + i, "100.00", true, null);
        }
        given().get("/api/v1/customers/" + transactional).then().body("segmentation.segment", equalTo("TRANSACTIONAL"))
                .body("segmentation.servicePolicy.channel", equalTo("lowest-cost channel"));

        String indifferent = Api.register();
        for (int i = 0; i < 3; i++) {
            purchase(indifferent, "I-" + i, "100.00", false, null);
        }
        given().get("/api/v1/customers/" + indifferent).then().body("segmentation.segment", equalTo("INDIFFERENT"));

        List<JsonNode> changes = Api.events(relational, "crm.customer.segment-changed.v1", 2);
        assertThat(changes.getLast().get("segment").asText()).isEqualTo("RELATIONAL");
        assertThat(changes.getLast().has("lifetimeValue")).isTrue();
        assertThat(changes.getLast().has("previousSegment")).isTrue();
    }

    @Test
    void key_account_needs_relationship_orientation_and_an_account_manager() {
        String id = Api.register();
        given().contentType(ContentType.JSON).body("{\"relationshipOrientation\":\"LOW\",\"keyAccount\":true}")
                .put("/api/v1/customers/" + id + "/segmentation").then().statusCode(422).body("errors.field", hasItem("keyAccount"));
        given().contentType(ContentType.JSON).body("{\"relationshipOrientation\":\"HIGH\",\"keyAccount\":true}")
                .put("/api/v1/customers/" + id + "/segmentation").then().statusCode(422).body("errors.field", hasItem("accountManager"));
        given().contentType(ContentType.JSON).body("{\"relationshipOrientation\":\"VERY\"}")
                .put("/api/v1/customers/" + id + "/segmentation").then().statusCode(400).body("errors.field", hasItem("relationshipOrientation"));

        String managed = Api.registerManaged("key.team");
        given().contentType(ContentType.JSON).body("{\"relationshipOrientation\":\"HIGH\",\"keyAccount\":false}")
                .put("/api/v1/customers/" + managed + "/segmentation").then().statusCode(200)
                .body("segmentation.segment", equalTo("RELATIONAL"))
                .body("segmentation.relationshipOrientationSource", equalTo("STAFF"));
        String etag = given().contentType(ContentType.JSON).body("{\"relationshipOrientation\":\"HIGH\",\"keyAccount\":true}")
                .put("/api/v1/customers/" + managed + "/segmentation").then().statusCode(200)
                .body("segmentation.segment", equalTo("KEY_ACCOUNT"))
                .body("segmentation.servicePolicy.complaintPriorityBoost", equalTo(2))
                .extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"accountManager\":null}")
                .patch("/api/v1/customers/" + managed).then().statusCode(422).body("errors.field", hasItem("accountManager"));

        // Promotion by value: a RELATIONAL customer with a manager whose lifetime value reaches 100,000.
        String valuable = Api.registerManaged("key.team");
        given().contentType(ContentType.JSON).body("{\"relationshipOrientation\":\"HIGH\",\"keyAccount\":false}")
                .put("/api/v1/customers/" + valuable + "/segmentation").then().body("segmentation.segment", equalTo("RELATIONAL"));
        purchase(valuable, "BIG-1", "10000.00", false, null);
        given().get("/api/v1/customers/" + valuable).then().body("segmentation.segment", equalTo("KEY_ACCOUNT"));
        List<JsonNode> changes = Api.events(valuable, "crm.customer.segment-changed.v1", 2);
        assertThat(changes.getLast().get("segment").asText()).isEqualTo("KEY_ACCOUNT");
        assertThat(changes.getLast().get("previousSegment").asText()).isEqualTo("RELATIONAL");
        assertThat(changes.getLast().get("lifetimeValue").decimalValue()).isEqualByComparingTo("100000.00");
    }

    @Test
    void the_recomputation_lets_revenue_age_out_and_marks_silent_buyers_lost() {
        String id = Api.register();
        purchase(id, "AGE-1", "800.00", false, null);
        given().get("/api/v1/customers/" + id).then().body("value.revenue12Months", equalTo(800.00f))
                .body("lifecycle.stage", equalTo("TRUSTING"));
        try {
            ControllableClock.set(java.time.Instant.now().plus(java.time.Duration.ofDays(400)));
            given().post("/api/v1/value-tiers/recompute").then().statusCode(200);
            given().get("/api/v1/customers/" + id).then()
                    .body("value.revenue12Months", equalTo(0f))
                    .body("value.valueTier", equalTo("C"))
                    .body("lifecycle.stage", equalTo("LOST"))
                    .body("lifecycle.lostReasonCode", equalTo("OTHER"));
            List<JsonNode> lost = Api.events(id, "crm.customer.marked-lost.v1", 1);
            assertThat(lost).hasSize(1);
        } finally {
            ControllableClock.useRealTime();
            given().post("/api/v1/value-tiers/recompute").then().statusCode(200);
        }
        given().get("/api/v1/customers/" + id).then().body("value.revenue12Months", equalTo(800.00f))
                .body("lifecycle.stage", equalTo("TRUSTING"));
    }

    /**
     * The customers a run still has to refresh live in value_refresh_pending, not in the service's
     * memory: what a run that died left there is refreshed by the next one, and every run ends with
     * the queue empty.
     */
    @Inject
    EntityManager em;

    /**
     * The refresh reads a whole batch's facts in one statement (CustomerFacts.loadAll); each
     * customer's must be what the per-customer read (purchases, refunds, the 12 months' window,
     * touchpoints, referrals both ways) gives, for a customer with nothing and for an unknown id too.
     */
    @Test
    void a_batch_of_facts_is_each_customers_own() {
        String referrer = Api.register();
        String referred = Api.register();
        String idle = Api.register();
        purchase(referrer, unique("F-OLD"), "5000.00", false, OffsetDateTime.now(ZoneOffset.UTC).minusMonths(13).toString());
        purchase(referrer, unique("F-DISC"), "80.00", true, OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).toString());
        String refunded = purchase(referrer, unique("F-REF"), "300.00", false, null);
        given().contentType(ContentType.JSON).body("{\"amount\":300.00,\"reason\":\"returned\"}")
                .post("/api/v1/customers/" + referrer + "/purchases/" + refunded + "/refunds").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"SALE\"}")
                .post("/api/v1/customers/" + referrer + "/touchpoints").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\"}")
                .post("/api/v1/customers/" + referrer + "/referrals").then().statusCode(201);
        purchase(referred, unique("F-R1"), "420.00", false, null);

        List<UUID> ids = List.of(UUID.fromString(referrer), UUID.fromString(referred), UUID.fromString(idle), UUID.randomUUID());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> {
            Map<UUID, CustomerFacts> batch = CustomerFacts.loadAll(em, ids, now);
            assertThat(batch).hasSize(ids.size());
            ids.forEach(id -> assertThat(batch.get(id)).as("facts of %s", id).isEqualTo(CustomerFacts.load(em, id, now)));
            CustomerFacts own = batch.get(ids.get(0));
            // what the rows above make of the referrer, so a read that returned nothing useful fails too
            assertThat(own.purchases()).isEqualTo(2);
            assertThat(own.discounted()).isEqualTo(1);
            assertThat(own.purchasesLastYear()).isEqualTo(1);
            assertThat(own.ownRevenue12m()).isEqualByComparingTo("80.00");
            assertThat(own.touchpoints()).isPositive();
            assertThat(batch.get(ids.get(1)).referrer()).isEqualTo(ids.get(0));
            assertThat(batch.get(ids.get(2)).purchases()).isZero();
        });
    }

    @Test
    void customers_a_dead_run_left_queued_are_refreshed_by_the_next_run() {
        String id = Api.register();
        purchase(id, unique("QUEUED"), "120.00", false, null);
        given().get("/api/v1/customers/" + id).then().body("lifecycle.stage", equalTo("TRUSTING"));
        // As a run leaves it when it dies between its bulk pass and this customer's batch: the
        // stored stage is stale and nothing in the bulk pass will touch the customer again.
        Rows.update("update customer set stage = 'PROSPECT' where id = ?::uuid", id);
        Rows.update("insert into value_refresh_pending (customer_id) values (?::uuid)", id);
        given().post("/api/v1/value-tiers/recompute").then().statusCode(200);
        given().get("/api/v1/customers/" + id).then().body("lifecycle.stage", equalTo("TRUSTING"));
        assertThat(Rows.count("select count(*) from value_refresh_pending")).isZero();
    }

    @Test
    void bad_purchases_are_400_naming_the_field() {
        String id = Api.register();
        given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"X\",\"amount\":10,\"currency\":\"USD\"}")
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(400).body("errors.field", hasItem("currency"));
        given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"X\",\"amount\":-1,\"currency\":\"CNY\"}")
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(400).body("errors.field", hasItem("amount"));
        given().contentType(ContentType.JSON).body("{\"amount\":10,\"currency\":\"CNY\"}")
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(400).body("errors.field", hasItem("externalOrderId"));
        given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"X\",\"amount\":10,\"currency\":\"CNY\",\"purchasedAt\":\"2999-01-01T00:00:00Z\"}")
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(400).body("errors.field", hasItem("purchasedAt"));
        given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"X\",\"amount\":10,\"currency\":\"CNY\",\"items\":[{\"quantity\":0}]}")
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(400)
                // (the platform's ProblemMappers writes list indexes after the leaf name)
                .body("errors.field", hasItem("items[0].quantity")).body("errors.field", hasItem("items[0].sku"));
        given().contentType(ContentType.JSON).body(body("X", "10"))
                .post("/api/v1/customers/" + java.util.UUID.randomUUID() + "/purchases").then().statusCode(404);
        given().get("/api/v1/customers/" + id + "/purchases").then().body("items.size()", equalTo(0));
    }

    @Test
    void a_recomputation_asked_to_respond_async_answers_202_at_once_and_its_run_tells_how_it_ended() {
        String id = Api.register();
        purchase(id, unique("ASYNC"), "1234.00", false, null);
        var accepted = given().header("Prefer", "wait=5, respond-async").post("/api/v1/value-tiers/recompute").then()
                .statusCode(202).header("Preference-Applied", "respond-async")
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/v1/value-tiers/runs/[0-9a-f-]{36}"))
                .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "SUCCEEDED"))
                .body("trigger", equalTo("BACKGROUND_REQUEST")).body("result", org.hamcrest.Matchers.nullValue())
                .extract();
        String run = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/v1/value-tiers/runs/" + run);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/value-tiers/runs/" + run).then().statusCode(200).body("status", equalTo("SUCCEEDED")));
        given().get("/api/v1/value-tiers/runs/" + run).then()
                .body("result.customers", org.hamcrest.Matchers.greaterThan(0)).body("finishedAt", org.hamcrest.Matchers.notNullValue())
                .body("startedAt", org.hamcrest.Matchers.notNullValue()).body("error", org.hamcrest.Matchers.nullValue());
        // The run did what a recomputation does: the customer's revenue is counted.
        given().get("/api/v1/customers/" + id).then().body("value.revenue12Months", equalTo(1234.00f));
        // Without the preference the answer waits for the run, and that run is recorded too.
        long before = Rows.count("select count(*) from recorded_run where kind = 'VALUE_TIERS' and trigger = 'REQUEST' and status = 'SUCCEEDED'");
        given().post("/api/v1/value-tiers/recompute").then().statusCode(200).header("Preference-Applied", org.hamcrest.Matchers.nullValue());
        assertThat(Rows.count("select count(*) from recorded_run where kind = 'VALUE_TIERS' and trigger = 'REQUEST' and status = 'SUCCEEDED'")).isEqualTo(before + 1);
    }

    @jakarta.inject.Inject
    dev.crmsuite.customer.run.RecordedRuns recordedRuns;

    @Test
    void a_plain_recomputation_that_outlasts_the_wait_is_answered_with_its_run_to_follow() {
        // The value-tier lane held by a run that waits, so the requested one queues behind it.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String holding = recordedRuns.start(dev.crmsuite.customer.run.RecordedRuns.Kind.VALUE_TIERS, dev.crmsuite.customer.run.RecordedRuns.Trigger.REQUEST, "lane-test", null, () -> {
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }).id().toString();
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> accepted;
        try {
            accepted = given().header("Prefer", "wait=0").post("/api/v1/value-tiers/recompute").then().statusCode(202)
                    .header("Preference-Applied", org.hamcrest.Matchers.nullValue())
                    .body("status", equalTo("QUEUED")).body("trigger", equalTo("REQUEST")).extract();
        } finally {
            release.countDown();
        }
        String run = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/v1/value-tiers/runs/" + run);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/value-tiers/runs/" + run).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                        .body("result.customers", org.hamcrest.Matchers.greaterThan(0)));
        given().get("/api/v1/value-tiers/runs/" + holding).then().body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void a_run_whose_heartbeat_stopped_is_interrupted_and_an_unknown_run_is_404() {
        String run = java.util.UUID.randomUUID().toString();
        Rows.update("insert into recorded_run (id, kind, trigger, status, created_at, started_at, heartbeat_at) values ('" + run
                + "', 'VALUE_TIERS', 'SCHEDULE', 'RUNNING', now() - interval '1 hour', now() - interval '1 hour', now() - interval '10 minutes')");
        given().get("/api/v1/value-tiers/runs/" + run).then().statusCode(200).body("status", equalTo("INTERRUPTED"))
                .body("trigger", equalTo("SCHEDULE")).body("requestedBy", org.hamcrest.Matchers.nullValue());
        given().get("/api/v1/value-tiers/runs/" + java.util.UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
