package dev.crmsuite.e2e.drills;

import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.crmsuite.e2e.drills.Drills.as;
import static dev.crmsuite.e2e.drills.Drills.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LONG;
import static org.awaitility.Awaitility.await;

/**
 * Drill 9: the upgrade from one consumer group per subscriber to one shared group per service
 * ({@code <service>.inbox}, platform {@code SubscriberGroup}). loyalty-service comes back with only
 * the groups of the version before (one per subscriber, at the end of the topics) and none of its
 * processed-event marks (as retention deletes them once a redelivery horizon is set), and reads
 * nothing twice: its new group starts where the former ones stopped, not at the beginning of the
 * topics, which are kept forever.
 */
@ExtendWith(RunningSuite.class)
class SharedGroupUpgradeDrillIT {

    static final String ADMIN = "drill9-admin";
    static final String SERVICE = "loyalty-service";
    static final String SHARED = SERVICE + ".inbox";
    /** loyalty-service's subscribers and the topics each read, as in its code. */
    static final Map<String, List<String>> FORMER = Map.of(
            SERVICE + ".loyalty-customers", List.of("crm.customers"),
            SERVICE + ".loyalty-goodwill", List.of("crm.complaints"),
            SERVICE + ".partner-consents", List.of("crm.customers"));

    @Test
    void a_service_moving_to_its_shared_group_starts_where_its_former_groups_stopped() throws Exception {
        String customer = register(ADMIN, "Drill Nine", true);
        for (int p = 0; p < 2; p++) {
            as(ADMIN, "admin").contentType(ContentType.JSON)
                    .body(Map.of("externalOrderId", "D9-" + customer + "-" + p, "amount", 120.00 + 10 * p, "currency", "CNY", "discounted", false))
                    .post("/api/v1/customers/" + customer + "/purchases").then().statusCode(201);
        }
        List<String> customerEvents = TopicRecords.all("crm.customers").stream().filter(r -> customer.equals(r.key()))
                .map(r -> TopicRecords.parse(r.value()).path("id").asText()).toList();
        assertThat(customerEvents).hasSizeGreaterThanOrEqualTo(3); // registered, two purchases
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.current().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ReconsumeDrillIT.ledger(customer)).hasSizeGreaterThanOrEqualTo(2);
                assertThat(marksOf(customerEvents)).as("loyalty's marks of the customer's events").isPositive();
                assertThat(ReconsumeDrillIT.lag(admin, List.of(SHARED))).isZero();
            });
            Map<String, Object> before = ReconsumeDrillIT.books(List.of(customer));
            int loyaltyEventsBefore = ReconsumeDrillIT.loyaltyEvents(List.of(customer));
            Map<TopicPartition, OffsetAndMetadata> end = admin.listConsumerGroupOffsets(SHARED)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);

            RunningSuite.kill(SERVICE);
            List<String> formerGroups = new ArrayList<>();
            // The state the version before left: a group per subscriber at the end, no shared group ...
            for (var former : FORMER.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> its = new HashMap<>();
                end.forEach((partition, offset) -> {
                    if (former.getValue().contains(partition.topic())) {
                        its.put(partition, offset);
                    }
                });
                if (!its.isEmpty()) { // a topic nothing was read from yet (the test alone) has no offsets
                    admin.alterConsumerGroupOffsets(former.getKey(), its).all().get(10, TimeUnit.SECONDS);
                    formerGroups.add(former.getKey());
                }
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                try {
                    admin.removeMembersFromConsumerGroup(SHARED, new RemoveMembersFromConsumerGroupOptions()).all().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException noMembersLeft) {
                    // already empty
                }
                admin.deleteConsumerGroups(List.of(SHARED)).all().get(10, TimeUnit.SECONDS);
            });
            // ... and marks long gone, so an event read again would be applied again.
            execute("delete from processed_event");
            // A purchase while loyalty is down: a group that began at the topics' end instead of the
            // former groups' offsets would never earn it.
            as(ADMIN, "admin").contentType(ContentType.JSON)
                    .body(Map.of("externalOrderId", "D9-" + customer + "-while-down", "amount", 100.00, "currency", "CNY", "discounted", false))
                    .post("/api/v1/customers/" + customer + "/purchases").then().statusCode(201);
            RunningSuite.restart(SERVICE);

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> now = admin.listConsumerGroupOffsets(SHARED)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                // At or past where the former groups stopped: other services go on publishing on the
                // same topics while loyalty is down, and the new group reads those events too.
                end.forEach((partition, stopped) -> assertThat(now.get(partition))
                        .as("the shared group's offset on %s, where the former groups stopped at %d", partition, stopped.offset())
                        .isNotNull()
                        .extracting(OffsetAndMetadata::offset).asInstanceOf(LONG)
                        .isGreaterThanOrEqualTo(stopped.offset()));
            });
            // The purchase made while down earns once, and nothing of before the upgrade was read
            // again: no mark for any of the customer's earlier events, the earlier entries as they were.
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entriesBefore = (List<Map<String, Object>>) before.get(customer + ".ledger");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ReconsumeDrillIT.ledger(customer)).hasSize(entriesBefore.size() + 1).containsAll(entriesBefore));
            assertThat(marksOf(customerEvents)).isZero();
            assertThat(ReconsumeDrillIT.loyaltyEvents(List.of(customer))).isGreaterThan(loyaltyEventsBefore);
            ReconsumeDrillIT.books(List.of(customer)); // the ledger still sums to the balance
            // The former groups are left empty; deleted, as k8s/README.md tells operators to.
            admin.deleteConsumerGroups(formerGroups).all().get(10, TimeUnit.SECONDS);
        }
    }

    /** loyalty-service's processed-event marks of these events, by any of its subscribers. */
    static long marksOf(List<String> eventIds) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select count(*) from processed_event where event_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static void execute(String sql) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    static Connection connect() throws Exception {
        RunningSuite.Database db = RunningSuite.database(SERVICE);
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
