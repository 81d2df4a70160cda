package dev.crmsuite.e2e.drills;

import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.crmsuite.e2e.drills.Drills.as;
import static dev.crmsuite.e2e.drills.Drills.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drill 4: loyalty-service reads every event it already handled a second time, from offset 0 of
 * every topic (its consumer groups reset while it is down, as an operator would after an incident),
 * and nothing changes: no second points for a purchase, no second goodwill for a complaint, no new
 * loyalty events.
 */
@ExtendWith(RunningSuite.class)
class ReconsumeDrillIT {

    static final String ADMIN = "drill4-admin";
    static final String SERVICE = "loyalty-service";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void re_consuming_every_topic_from_offset_zero_has_no_second_effect() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = register(ADMIN, "Drill Four " + i, i % 2 == 0);
            customers.add(id);
            for (int p = 0; p < 2; p++) {
                as(ADMIN, "admin").contentType(ContentType.JSON)
                        .body(Map.of("externalOrderId", "D4-" + i + "-" + p, "amount", 150.00 + 100 * p, "currency", "CNY", "discounted", p == 1))
                        .post("/api/v1/customers/" + id + "/purchases").then().statusCode(201);
            }
            String complaint = as(ADMIN, "admin").contentType(ContentType.JSON)
                    .body(Map.of("customerId", id, "channel", "EMAIL", "category", "BILLING", "subject", "Charged twice",
                            "description", "Drill 4"))
                    .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
            as(ADMIN, "admin").post("/api/v1/complaints/" + complaint + "/acknowledge").then().statusCode(200);
            as(ADMIN, "admin").post("/api/v1/complaints/" + complaint + "/start").then().statusCode(200);
            as(ADMIN, "admin").contentType(ContentType.JSON)
                    .body(Map.of("outcome", "Refunded", "rootCause", "Billing", "firstContactResolution", false, "compensationPoints", 75))
                    .post("/api/v1/complaints/" + complaint + "/resolution").then().statusCode(200);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.current().bootstrapServers()))) {
            // One group reads for every subscriber of the service (platform SubscriberGroup); others of the
            // service's name (a former group another drill left) are not read by anyone.
            await().atMost(Duration.ofSeconds(20)).until(() -> loyaltyGroups(admin), g -> g.contains(SERVICE + ".inbox"));
            List<String> groups = List.of(SERVICE + ".inbox");
            // Points for both purchases and the goodwill are in before the snapshot is taken.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : customers) {
                    assertThat(ledger(id)).as("ledger of " + id).hasSizeGreaterThanOrEqualTo(3);
                }
                assertThat(lag(admin, groups)).isZero();
            });
            Map<String, Object> before = books(customers);
            int loyaltyEventsBefore = loyaltyEvents(customers);
            assertThat(before).isNotEmpty();

            RunningSuite.kill(SERVICE);
            for (String group : groups) {
                resetToEarliest(admin, group);
            }
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                assertThat(committed.values()).as("offsets of " + group + " after the reset").allMatch(o -> o.offset() == 0);
            }
            RunningSuite.restart(SERVICE);

            // Everything read again: each group is back at the end of its topics.
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(lag(admin, groups)).isZero());
            assertThat(books(customers)).isEqualTo(before);
            assertThat(loyaltyEvents(customers)).isEqualTo(loyaltyEventsBefore);
            // The gateway's overview still shows the same balance as the ledger.
            for (String id : customers) {
                long balance = ((Number) as(ADMIN, "admin").get("/api/v1/loyalty/accounts/" + id).then().extract().path("balance")).longValue();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(((Number) as(ADMIN, "admin")
                        .get("/api/v1/customers/" + id + "/overview").then().statusCode(200).extract().path("loyalty.balance")).longValue())
                        .isEqualTo(balance));
            }
        }
    }

    /** Balances, lifetime totals and every ledger entry of the customers, as the API shows them. */
    static Map<String, Object> books(List<String> customers) {
        Map<String, Object> books = new LinkedHashMap<>();
        for (String id : customers) {
            var account = as(ADMIN, "admin").get("/api/v1/loyalty/accounts/" + id).then().statusCode(200).extract().jsonPath();
            books.put(id + ".balance", account.getLong("balance"));
            books.put(id + ".lifetimeEarned", account.getLong("lifetimeEarned"));
            books.put(id + ".ledger", ledger(id));
            long sum = ledger(id).stream().mapToLong(e -> ((Number) e.get("points")).longValue()).sum();
            assertThat(sum).as("ledger sum of " + id).isEqualTo(account.getLong("balance"));
        }
        return books;
    }

    static List<Map<String, Object>> ledger(String id) {
        return as(ADMIN, "admin").queryParam("limit", 200).get("/api/v1/loyalty/accounts/" + id + "/ledger")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    static int loyaltyEvents(List<String> customers) {
        return (int) TopicRecords.all("crm.loyalty").stream().filter(r -> customers.contains(r.key())).count();
    }

    static List<String> loyaltyGroups(Admin admin) throws Exception {
        return admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream().map(ConsumerGroupListing::groupId)
                .filter(g -> g.startsWith(SERVICE + ".")).sorted().collect(Collectors.toList());
    }

    /** Records the groups have not yet handled, summed over every partition they read. */
    static long lag(Admin admin, List<String> groups) throws Exception {
        long lag = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            for (var e : committed.entrySet()) {
                lag += ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset());
            }
        }
        return lag;
    }

    /** A killed member stays in its group until its session times out; remove it, then move the offsets. */
    static void resetToEarliest(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        committed.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
        var starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
        starts.forEach((tp, info) -> reset.put(tp, new OffsetAndMetadata(info.offset())));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            try {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException noMembersLeft) {
                // already empty
            }
            admin.alterConsumerGroupOffsets(group, reset).all().get(10, TimeUnit.SECONDS);
        });
    }
}
