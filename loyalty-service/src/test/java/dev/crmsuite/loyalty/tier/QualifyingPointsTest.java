package dev.crmsuite.loyalty.tier;

import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Issue 16 item 3: tier status follows the points a customer really kept, within the window, by purchase time. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class QualifyingPointsTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static void redeem(String customer, long points) {
        given().contentType(ContentType.JSON).body("{\"points\":" + points + "}")
                .post(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(201);
    }

    static void refundAll(String customer, String purchaseId, String amount) {
        TopicRecords.send("crm.customers", customer, Loyalty.refundEvent(customer, purchaseId, amount, amount));
    }

    @Test
    void an_uncollectable_clawback_still_un_qualifies_the_refunded_points() {
        String customer = Loyalty.member();
        String purchase = Loyalty.purchase(customer, "1200.00");
        Loyalty.awaitBalance(customer, 1200);
        given().get(BASE + "/accounts/" + customer).then().body("tier", equalTo("SILVER")).body("qualifyingPoints", equalTo(1200));
        redeem(customer, 1000);
        refundAll(customer, purchase, "1200.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(BASE + "/accounts/" + customer).then()
                .body("qualifyingPoints", equalTo(0)).body("balance", equalTo(0)).body("tier", equalTo("MEMBER")));
        given().queryParam("kind", "REVERSAL").get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items.size()", equalTo(1)).body("items[0].points", equalTo(-200));
    }

    @Test
    void a_refund_on_a_balance_of_zero_takes_the_tier_it_bought() {
        String customer = Loyalty.member();
        String purchase = Loyalty.purchase(customer, "1200.00");
        Loyalty.awaitBalance(customer, 1200);
        given().get(BASE + "/accounts/" + customer).then().body("tier", equalTo("SILVER"));
        redeem(customer, 1200);
        refundAll(customer, purchase, "1200.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(BASE + "/accounts/" + customer).then()
                .body("qualifyingPoints", equalTo(0)).body("tier", equalTo("MEMBER")));
        given().queryParam("kind", "REVERSAL").get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void a_purchase_dated_400_days_ago_counts_at_its_purchase_time() {
        String customer = Loyalty.member();
        OffsetDateTime purchasedAt = clock.instant().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
        TopicRecords.send("crm.customers", customer, Loyalty.purchaseEvent(TopicRecords.newId(), customer,
                java.util.UUID.randomUUID().toString(), "1200.00", purchasedAt.toInstant().toString(), "RELATIONAL"));
        Loyalty.awaitBalance(customer, 1200);
        given().get(BASE + "/accounts/" + customer).then().body("qualifyingPoints", equalTo(0)).body("tier", equalTo("MEMBER"));
        var lot = given().get(BASE + "/accounts/" + customer + "/lots").then().statusCode(200).extract().jsonPath();
        assertThat(OffsetDateTime.parse(lot.getString("items[0].earnedAt")).toInstant()).isEqualTo(purchasedAt.toInstant());
        assertThat(OffsetDateTime.parse(lot.getString("items[0].expiresAt")).toInstant())
                .isEqualTo(purchasedAt.plusMonths(24).toInstant());
    }

    @Test
    void a_merge_keeps_the_duplicates_qualifying_points() {
        String source = Loyalty.member();
        String target = Loyalty.member();
        Loyalty.purchase(source, "600.00");
        Loyalty.purchase(target, "500.00");
        Loyalty.awaitBalance(source, 600);
        Loyalty.awaitBalance(target, 500);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"2026-11-22T10:00:00Z\"}"));
        Loyalty.awaitBalance(target, 1100);
        given().get(BASE + "/accounts/" + target).then().body("qualifyingPoints", equalTo(1100)).body("tier", equalTo("SILVER"));
    }
}
