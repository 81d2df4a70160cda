package dev.crmsuite.loyalty.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Accounts opened from customer events, points earned from purchase events, the ledger and its invariant. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AccountLedgerTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void a_registration_opens_a_member_account_and_publishes_account_opened() {
        String customer = Loyalty.member();
        given().get(BASE + "/accounts/" + customer).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("customerId", equalTo(customer))
                .body("status", equalTo("ACTIVE"))
                .body("tier", equalTo("MEMBER"))
                .body("balance", equalTo(0))
                .body("joinedAt", notNullValue())
                .body("expiringNext", nullValue());
        var records = TopicRecords.await("crm.loyalty", Duration.ofSeconds(20), r -> customer.equals(r.key()));
        assertThat(records).hasSize(1);
        JsonNode event = TopicRecords.parse(records.getFirst().value());
        assertThat(event.get("type").asText()).isEqualTo("crm.account.opened.v1");
        assertThat(event.get("subject").asText()).isEqualTo(customer);
        assertThat(event.get("data").get("tier").asText()).isEqualTo("MEMBER");
    }

    @Test
    void a_purchase_earns_once_even_when_redelivered_or_republished_under_another_event_id() {
        String customer = Loyalty.member();
        String purchaseId = UUID.randomUUID().toString();
        String eventId = TopicRecords.newId();
        String event = Loyalty.purchaseEvent(eventId, customer, purchaseId, "120.75");
        TopicRecords.send("crm.customers", customer, event);
        Loyalty.awaitBalance(customer, 120);

        TopicRecords.send("crm.customers", customer, event); // redelivery: same event id
        TopicRecords.send("crm.customers", customer, Loyalty.purchaseEvent(TopicRecords.newId(), customer, purchaseId, "120.75"));
        Loyalty.purchase(customer, "10.00"); // a marker behind them on the same partition
        Loyalty.awaitBalance(customer, 130);

        given().get(BASE + "/accounts/" + customer).then()
                .body("lifetimeEarned", equalTo(130))
                .body("expiringNext.points", equalTo(130))
                .body("expiringNext.on", notNullValue());
        given().queryParam("kind", "EARN").get(BASE + "/accounts/" + customer + "/ledger").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[1].points", equalTo(120))
                .body("items[1].sourceRef", equalTo("purchase:" + purchaseId))
                .body("items[1].rule", org.hamcrest.Matchers.startsWith("rules-v"))
                .body("items[1].balanceAfter", equalTo(120));
        assertThat(Loyalty.ledgerSum(customer)).isEqualTo(130);
        assertThat(Loyalty.lotSum(customer)).isEqualTo(130);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> earned = TopicRecords.eventsFor("crm.loyalty", customer).stream()
                    .filter(e -> e.get("type").asText().equals("crm.points.earned.v1")).toList();
            assertThat(earned).hasSize(2);
            assertThat(earned.getFirst().get("data").get("points").asLong()).isEqualTo(120);
            assertThat(earned.getFirst().get("data").get("sourceRef").asText()).isEqualTo("purchase:" + purchaseId);
            assertThat(earned.getFirst().get("data").get("expiresAt").asText()).isNotBlank();
            assertThat(earned.getFirst().get("data").get("expiringNext").get("points").asLong()).isEqualTo(120);
        });
    }

    @Test
    void the_ledger_is_keyset_paginated_newest_first() {
        String customer = Loyalty.member();
        for (int i = 1; i <= 5; i++) {
            Loyalty.bonus(customer, i);
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(BASE + "/accounts/" + customer + "/ledger").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.points", Integer.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(5, 4, 3, 2, 1);
        given().queryParam("cursor", "garbage!").get(BASE + "/accounts/" + customer + "/ledger")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        given().queryParam("kind", "GIFT").get(BASE + "/accounts/" + customer + "/ledger")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        assertThat(Loyalty.ledgerSum(customer)).isEqualTo(15);
    }

    @Test
    void manual_adjustments_need_a_reason_and_never_go_below_zero() {
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 100);
        given().contentType(ContentType.JSON).body("{\"kind\":\"ADJUST\",\"points\":-150,\"reason\":\"too much\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/insufficient-points"))
                .body("balance", equalTo(100));
        given().contentType(ContentType.JSON).body("{\"kind\":\"ADJUST\",\"points\":-40,\"reason\":\"correction\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(201).body("points", equalTo(-40)).body("balanceAfter", equalTo(60));
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":0,\"reason\":\"x\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":-5,\"reason\":\"x\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":5}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":5,\"reason\":\"x\"}")
                .post(BASE + "/accounts/" + UUID.randomUUID() + "/adjustments")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(Loyalty.ledgerSum(customer)).isEqualTo(60);
        assertThat(Loyalty.lotSum(customer)).isEqualTo(60);
        // The reason is staff free text about the customer: kept in the ledger, never in the event log (issue 17).
        given().get(BASE + "/accounts/" + customer + "/ledger").then().statusCode(200)
                .body("items.reason", hasItem("correction"));
        var adjusted = TopicRecords.await("crm.loyalty", Duration.ofSeconds(20), r -> customer.equals(r.key())
                && TopicRecords.parse(r.value()).path("data").path("points").asLong() == -40);
        assertThat(adjusted).hasSize(1);
        JsonNode event = TopicRecords.parse(adjusted.getFirst().value());
        assertThat(event.path("type").asText()).isEqualTo("crm.points.adjusted.v1");
        assertThat(event.path("data").path("kind").asText()).isEqualTo("ADJUST");
        assertThat(event.path("data").has("reason")).isFalse();
        assertThat(adjusted.getFirst().value()).doesNotContain("correction");
        assertThat(dev.crmsuite.loyalty.support.EventContracts.violations(event)).isEmpty();
    }

    @Test
    void an_unknown_account_is_404_problem() {
        given().get(BASE + "/accounts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void an_erased_customer_forfeits_points_and_the_account_closes() throws Exception {
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 70);
        // Loyalty records nothing personal today; a key it had recorded must still be tombstoned on erasure.
        String key = customer + "/goodwill-note/" + UUID.randomUUID();
        try (var c = PostgresDatabase.connect(); var s = c.prepareStatement("""
                insert into personal_record (record_key, topic, customer_id, recorded_at) values (?, 'crm.loyalty.personal', ?, now())""")) {
            s.setString(1, key);
            s.setObject(2, UUID.fromString(customer));
            s.executeUpdate();
        }
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", customer, "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"2026-11-22T10:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().body("status", equalTo("CLOSED")).body("balance", equalTo(0)));
        assertThat(Loyalty.ledgerSum(customer)).isZero();
        assertThat(Loyalty.single("select count(*) from personal_record where customer_id = ?", customer)).isZero();
        var tombstones = TopicRecords.await("crm.loyalty.personal", Duration.ofSeconds(20), r -> key.equals(r.key()));
        assertThat(tombstones).hasSize(1);
        assertThat(tombstones.getFirst().value()).isNull();
    }

    @Test
    void a_registration_with_contact_details_keeps_none_of_them() throws Exception {
        // An older customer-service still sent name and email; loyalty needs neither and keeps no copy.
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.registered.v1", customer, "{\"customerId\":\"" + customer + "\",\"kind\":\"PERSON\","
                        + "\"name\":\"Li Wei\",\"email\":\"li@example.com\",\"registeredAt\":\"2026-11-01T10:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().statusCode(200));
        assertThat(Loyalty.single("select count(*) from known_customer where customer_id = ?", customer)).isOne();
        List<String> columns = new ArrayList<>();
        try (var c = PostgresDatabase.connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "select column_name from information_schema.columns where table_name = 'known_customer' order by column_name")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        assertThat(columns).containsExactly("customer_id", "registered_at", "updated_at");
    }

    @Test
    void a_merge_moves_points_and_lots_to_the_surviving_account() {
        String source = Loyalty.member();
        String target = Loyalty.member();
        Loyalty.bonus(source, 300);
        Loyalty.bonus(target, 50);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"2026-11-22T10:00:00Z\"}"));
        Loyalty.awaitBalance(target, 350);
        given().get(BASE + "/accounts/" + source).then().body("status", equalTo("MERGED")).body("mergedInto", equalTo(target))
                .body("balance", equalTo(0));
        assertThat(Loyalty.ledgerSum(source)).isZero();
        assertThat(Loyalty.ledgerSum(target)).isEqualTo(350);
        assertThat(Loyalty.lotSum(target)).isEqualTo(350);
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":5,\"reason\":\"x\"}")
                .post(BASE + "/accounts/" + source + "/adjustments")
                .then().statusCode(409).body("mergedInto", equalTo(target));
    }

    @Test
    void every_balance_equals_the_sum_of_its_ledger_and_its_open_lots() throws Exception {
        Loyalty.bonus(Loyalty.member(), 10); // at least one account, whatever ran before
        try (var c = PostgresDatabase.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("""
                    select count(*) from loyalty_account a
                    where a.balance <> (select coalesce(sum(e.points), 0) from ledger_entry e where e.customer_id = a.customer_id)
                       or greatest(a.balance, 0) <> (select coalesce(sum(l.remaining), 0) from point_lot l where l.customer_id = a.customer_id)""");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void purchases_and_refunds_for_a_merged_customer_land_on_the_surviving_account() {
        String source = Loyalty.member();
        String target = Loyalty.member();
        String purchase = Loyalty.purchase(source, "80.00");
        Loyalty.awaitBalance(source, 80);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"2026-11-22T10:00:00Z\"}"));
        Loyalty.awaitBalance(target, 80);
        Loyalty.purchase(source, "20.00"); // a late purchase still under the old id
        Loyalty.awaitBalance(target, 100);
        TopicRecords.send("crm.customers", target, Loyalty.refundEvent(target, purchase, "40.00", "80.00"));
        Loyalty.awaitBalance(target, 60);
        given().get(BASE + "/accounts/" + source).then().body("balance", equalTo(0)).body("status", equalTo("MERGED"));
        assertThat(Loyalty.ledgerSum(target)).isEqualTo(60);
        assertThat(Loyalty.lotSum(target)).isEqualTo(60);
    }

    @Test
    void a_purchase_event_that_can_never_be_applied_is_dead_lettered_and_the_partition_moves_on() {
        String customer = Loyalty.member();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.purchase.recorded.v1", customer, "{\"customerId\":\"" + customer + "\",\"currency\":\"CNY\"}"));
        Loyalty.purchase(customer, "15.00");
        Loyalty.awaitBalance(customer, 15);
        var dead = TopicRecords.await("crm.customers.dlq", Duration.ofSeconds(20), r -> customer.equals(r.key())
                && "loyalty-service.loyalty-customers".equals(TopicRecords.header(r, "dlq-consumer")));
        assertThat(dead).hasSize(1);
        assertThat(TopicRecords.header(dead.getFirst(), "dlq-reason")).contains("purchaseId");
    }
}
