package dev.crmsuite.loyalty.expiry;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** FIFO lot consumption, lot expiry and tier periods, driven by a controllable clock. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ExpiryAndTiersTest {

    @Inject
    ControllableClock clock;
    @Inject
    LoyaltyJobs jobs;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static JsonPath lots(String customer) {
        return given().get(BASE + "/accounts/" + customer + "/lots").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void redemptions_consume_the_oldest_lot_first_and_lots_expire_after_24_months() {
        String customer = Loyalty.member();
        Loyalty.purchase(customer, "100.00");
        Loyalty.awaitBalance(customer, 100);
        clock.advance(Duration.ofDays(30));
        Loyalty.purchase(customer, "200.00");
        Loyalty.awaitBalance(customer, 300);

        JsonPath before = lots(customer);
        assertThat(before.getList("items.points", Integer.class)).containsExactly(100, 200);
        OffsetDateTime earned = OffsetDateTime.parse(before.getString("items[0].earnedAt"));
        assertThat(OffsetDateTime.parse(before.getString("items[0].expiresAt")).toInstant())
                .isEqualTo(earned.plusMonths(24).toInstant());

        given().contentType(ContentType.JSON).body("{\"points\":150}").post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201).body("balance", equalTo(150));
        JsonPath after = lots(customer);
        assertThat(after.getList("items.remaining", Integer.class)).containsExactly(0, 150);
        given().get(BASE + "/accounts/" + customer).then().body("expiringNext.points", equalTo(150));

        // Past the first lot's date: it is already spent, and the second is not due yet.
        clock.advance(Duration.ofDays(730 - 30 + 2));
        jobs.expireDueLots();
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(150));

        // Past the second lot's date.
        clock.advance(Duration.ofDays(31));
        assertThat(jobs.expireDueLots()).isGreaterThanOrEqualTo(1);
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(0)).body("expiringNext", equalTo(null));
        given().queryParam("kind", "EXPIRE").get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items.size()", equalTo(1)).body("items[0].points", equalTo(-150));
        JsonPath expired = lots(customer);
        assertThat(expired.getList("items.remaining", Integer.class)).containsExactly(0, 0);
        assertThat(expired.getString("items[1].expiredAt")).isNotNull();
        assertThat(Loyalty.ledgerSum(customer)).isZero();
        assertThat(jobs.expireDueLots()).isZero(); // nothing left: a second run changes nothing

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> events = TopicRecords.eventsFor("crm.loyalty", customer).stream()
                    .filter(e -> e.get("type").asText().equals("crm.points.expired.v1")).toList();
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().get("data").get("points").asLong()).isEqualTo(150);
            assertThat(events.getFirst().get("data").get("balance").asLong()).isZero();
        });
    }

    @Test
    void upgrades_at_once_and_downgrades_only_at_the_end_of_the_tier_period() {
        String customer = Loyalty.member();
        Loyalty.purchase(customer, "1200.00");
        Loyalty.awaitBalance(customer, 1200);
        given().get(BASE + "/accounts/" + customer).then().body("tier", equalTo("SILVER")).body("qualifyingPoints", equalTo(1200));

        // Spending points does not cost the tier, and half a period later nothing changes.
        given().contentType(ContentType.JSON).body("{\"points\":1200}").post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201);
        clock.advance(Duration.ofDays(180));
        jobs.reviewTiers();
        given().get(BASE + "/accounts/" + customer).then().body("tier", equalTo("SILVER"));

        // The period is over and the qualifying points have left the window.
        clock.advance(Duration.ofDays(190));
        jobs.reviewTiers();
        given().get(BASE + "/accounts/" + customer).then().body("tier", equalTo("MEMBER"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> changes = TopicRecords.eventsFor("crm.loyalty", customer).stream()
                    .filter(e -> e.get("type").asText().equals("crm.tier.changed.v1")).toList();
            assertThat(changes).hasSize(2);
            assertThat(changes.get(0).get("data").get("tier").asText()).isEqualTo("SILVER");
            assertThat(changes.get(0).get("data").get("previousTier").asText()).isEqualTo("MEMBER");
            assertThat(changes.get(1).get("data").get("tier").asText()).isEqualTo("MEMBER");
            assertThat(changes.get(1).get("data").get("previousTier").asText()).isEqualTo("SILVER");
        });
        given().get(BASE + "/tiers").then().statusCode(200)
                .body("tiers.find { it.tier == 'SILVER' }.qualifyingPoints", equalTo(1000))
                .body("tiers.find { it.tier == 'SILVER' }.earnMultiplier", equalTo(1.25f));
    }

    @Test
    void two_replicas_running_the_expiry_job_at_once_expire_each_lot_exactly_once() throws Exception {
        String first = Loyalty.member();
        String second = Loyalty.member();
        Loyalty.bonus(first, 100);
        Loyalty.bonus(second, 200);
        clock.advance(Duration.ofDays(731));

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> a = replicas.submit(() -> {
                start.await();
                return jobs.expireDueLots();
            });
            Future<Integer> b = replicas.submit(() -> {
                start.await();
                return jobs.expireDueLots();
            });
            start.countDown();
            assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(2);
        } finally {
            replicas.shutdownNow();
        }
        for (String customer : List.of(first, second)) {
            given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(0));
            assertThat(Loyalty.single("select count(*) from ledger_entry where kind = 'EXPIRE' and customer_id = ?", customer)).isEqualTo(1);
            assertThat(Loyalty.ledgerSum(customer)).isZero();
        }
    }
}
