package dev.crmsuite.customer.platform;

import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The transactional outbox against a real broker that goes away and comes back. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    @Inject
    Outbox outbox;

    @Test
    void a_rolled_back_transaction_publishes_nothing() throws Exception {
        String subject = UUID.randomUUID().toString();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(subject, "crm.customer.updated.v1", Map.of("note", "must never be seen"));
            throw new IllegalStateException("the state change failed");
        })).isInstanceOf(IllegalStateException.class);

        // A committed marker event after it: once the marker is on the topic, the relay has passed that point.
        String marker = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(marker, "crm.customer.updated.v1", Map.of()));
        assertThat(TopicRecords.await("crm.customers", Duration.ofSeconds(15), r -> marker.equals(r.key()))).hasSize(1);
        assertThat(TopicRecords.all("crm.customers").stream().filter(r -> subject.equals(r.key()))).isEmpty();
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from outbox_event where event_key = '" + subject + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void events_of_one_transaction_are_written_together_and_published_in_the_order_appended() throws Exception {
        // Outbox writes a transaction's events with one statement just before it commits; their order on the
        // topic (one key, one partition) and in the table must stay the order they were appended in.
        String subject = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 4; i++) {
                outbox.append(subject, "crm.customer.updated.v1", Map.of("n", i));
            }
        });
        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(15)).until(
                () -> TopicRecords.all("crm.customers").stream().filter(r -> subject.equals(r.key())).toList(), r -> r.size() == 4);
        assertThat(published).extracting(r -> TopicRecords.parse(r.value()).at("/data/n").asInt()).containsExactly(0, 1, 2, 3);
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "select payload -> 'data' ->> 'n' from outbox_event where event_key = '" + subject + "' order by seq")) {
            List<String> order = new ArrayList<>();
            while (rs.next()) {
                order.add(rs.getString(1));
            }
            assertThat(order).containsExactly("0", "1", "2", "3");
        }
    }

    @Test
    void writes_during_a_broker_outage_are_delivered_exactly_once_after_it() throws Exception {
        KafkaBroker broker = KafkaBroker.current();
        List<String> ids = new ArrayList<>();
        broker.stopBroker();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(given().contentType(ContentType.JSON)
                        .body("{\"name\":\"Outage " + i + "\",\"email\":\"outage-" + UUID.randomUUID() + "@b.co\"}")
                        .post("/api/v1/customers").then().statusCode(201).extract().path("id"));
            }
            try (Connection c = PostgresDatabase.connect();
                 ResultSet rs = c.createStatement().executeQuery(
                         "select count(*) from outbox_event where published_at is null")) {
                rs.next();
                assertThat(rs.getInt(1)).as("events wait in the outbox while Kafka is down").isGreaterThanOrEqualTo(5);
            }
        } finally {
            broker.startBroker();
        }
        Set<String> wanted = new HashSet<>(ids);
        // At-least-once on the wire: a batch that expired in the producer while the broker came back may
        // be written twice, with the same event id. Consumers dedupe by id, so "exactly once in effect"
        // means: every write has exactly one distinct event, and none is missing.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> delivered =
                    TopicRecords.all("crm.customers").stream().filter(r -> wanted.contains(r.key())).toList();
            Map<String, Set<String>> eventIdsByCustomer = delivered.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(r -> TopicRecords.parse(r.value()).get("id").asText(), Collectors.toSet())));
            assertThat(eventIdsByCustomer.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(eventIdsByCustomer.values()).allSatisfy(eventIds -> assertThat(eventIds).hasSize(1));
        });
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from outbox_event where published_at is null")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
