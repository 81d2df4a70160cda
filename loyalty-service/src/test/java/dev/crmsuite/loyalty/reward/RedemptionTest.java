package dev.crmsuite.loyalty.reward;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Redemptions: never below zero under concurrency, idempotent retries, no overselling, bad input as problem+json. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RedemptionTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String reward(long cost, Integer stock) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"Cinema\",\"pointsCost\":" + cost + (stock == null ? "" : ",\"stock\":" + stock) + "}")
                .post(BASE + "/rewards").then().statusCode(201).extract().path("id");
    }

    static Map<Integer, Long> fire(int requests, String customer, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body)
                            .post(BASE + "/accounts/" + customer + "/redemptions").then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            return codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void two_hundred_parallel_redemptions_for_a_balance_covering_fifty_exactly_fifty_succeed() throws Exception {
        String customer = Loyalty.member();
        String reward = reward(100, null);
        Loyalty.bonus(customer, 5_000);

        Map<Integer, Long> codes = fire(200, customer, "{\"rewardId\":\"" + reward + "\"}");

        assertThat(codes).containsEntry(201, 50L).containsEntry(409, 150L).hasSize(2);
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(0)).body("lifetimeRedeemed", equalTo(5_000));
        assertThat(Loyalty.ledgerSum(customer)).isZero();
        assertThat(Loyalty.lotSum(customer)).isZero();
        assertThat(Loyalty.single("select count(*) from ledger_entry where kind = 'REDEEM' and customer_id = ?", customer)).isEqualTo(50);
        assertThat(Loyalty.single("select min(balance_after) from ledger_entry where customer_id = ?", customer)).isZero();
    }

    @Test
    void a_stock_limited_reward_never_oversells() throws Exception {
        String customer = Loyalty.member();
        String reward = reward(10, 5);
        Loyalty.bonus(customer, 10_000);

        Map<Integer, Long> codes = fire(20, customer, "{\"rewardId\":\"" + reward + "\"}");

        assertThat(codes).containsEntry(201, 5L).containsEntry(409, 15L);
        given().get(BASE + "/rewards/" + reward).then().body("stock", equalTo(0));
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(10_000 - 50));
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + reward + "\"}")
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(409).body("type", equalTo("https://crmsuite.dev/problems/out-of-stock"));
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_result() {
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 1_000);
        String key = UUID.randomUUID().toString();
        String body = "{\"points\":300}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201)
                .body("kind", equalTo("DISCOUNT"))
                .body("points", equalTo(300))
                .body("discountAmount", equalTo(3.0f))
                .body("balance", equalTo(700))
                .extract().path("redemptionId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("redemptionId", equalTo(first));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"points\":301}")
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(422).contentType("application/problem+json");
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(700));
        given().get(BASE + "/accounts/" + customer + "/redemptions/" + first).then().statusCode(200).body("points", equalTo(300));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> redeemed = TopicRecords.eventsFor("crm.loyalty", customer).stream()
                    .filter(e -> e.get("type").asText().equals("crm.points.redeemed.v1")).toList();
            assertThat(redeemed).hasSize(1);
            assertThat(redeemed.getFirst().get("data").get("redemptionId").asText()).isEqualTo(first);
            assertThat(redeemed.getFirst().get("data").get("balance").asLong()).isEqualTo(700);
        });
    }

    @Test
    void a_reward_redemption_publishes_reward_redeemed() {
        String customer = Loyalty.member();
        String reward = reward(250, 3);
        Loyalty.bonus(customer, 600);
        String redemption = given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + reward + "\",\"quantity\":2}")
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201).body("points", equalTo(500)).body("balance", equalTo(100)).extract().path("redemptionId");
        given().get(BASE + "/rewards/" + reward).then().body("stock", equalTo(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.eventsFor("crm.loyalty", customer).stream()
                .filter(e -> e.get("type").asText().equals("crm.reward.redeemed.v1"))
                .filter(e -> e.get("data").get("redemptionId").asText().equals(redemption))).hasSize(1));
    }

    @Test
    void bad_input_is_a_problem_naming_the_field() {
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 100);
        String url = BASE + "/accounts/" + customer + "/redemptions";
        given().contentType(ContentType.JSON).body("{\"points\":0}").post(url)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON).body("{\"points\":-10}").post(url)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + UUID.randomUUID() + "\"}").post(url)
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("rewardId"));
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"not-a-uuid\"}").post(url)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("rewardId"));
        given().contentType(ContentType.JSON).body("{}").post(url)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("rewardId"));
        given().contentType(ContentType.JSON).body("{\"points\": 5,").post(url)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/malformed-json"));
        given().contentType(ContentType.JSON).body("{\"points\":500}").post(url)
                .then().statusCode(409).body("type", equalTo("https://crmsuite.dev/problems/insufficient-points"));
        given().contentType(ContentType.JSON).body("{\"points\":5}").post(BASE + "/accounts/" + UUID.randomUUID() + "/redemptions")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"pointsCost\":-1}").post(BASE + "/rewards")
                .then().statusCode(400).body("errors.field", hasItem("pointsCost"));
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(100));
    }

    @Test
    void a_reward_changes_only_with_a_current_if_match() {
        String reward = reward(100, 2);
        String etag = given().get(BASE + "/rewards/" + reward).then().statusCode(200).extract().header("ETag");
        given().contentType(ContentType.JSON).body("{\"stock\":50}").patch(BASE + "/rewards/" + reward)
                .then().statusCode(428).contentType("application/problem+json");
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 500);
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + reward + "\"}")
                .post(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(201);
        // A sale happened since the read: the restock based on the old read is refused.
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"stock\":50}").patch(BASE + "/rewards/" + reward)
                .then().statusCode(412);
        String current = given().get(BASE + "/rewards/" + reward).then().body("stock", equalTo(1)).extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", current).body("{\"stock\":50,\"active\":false}")
                .patch(BASE + "/rewards/" + reward).then().statusCode(200).body("stock", equalTo(50)).body("active", equalTo(false));
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + reward + "\"}")
                .post(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(422);
        given().get(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].rewardId", equalTo(reward)).body("items[0].balance", equalTo(400));
    }
}
