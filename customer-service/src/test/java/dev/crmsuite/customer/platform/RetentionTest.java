package dev.crmsuite.customer.platform;

import dev.crmsuite.platform.inbox.ProcessedEvents;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.retention.Retention;
import dev.crmsuite.platform.retention.RetentionCutoffs;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention of the platform's bookkeeping rows on a clock moved forward (issue 17): published outbox
 * rows and Idempotency-Key records go after their age; a processed-event mark stays as long as its
 * event can be delivered again (with no redelivery horizon: always), so a redelivery inside the window
 * is still skipped, and goes only past the topics' retention plus the margin.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    private static final String CONSUMER = "retention-test";

    @Inject
    Outbox outbox;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    Retention retention;
    @Inject
    Clock clock;

    @AfterEach
    void realTime() {
        ControllableClock.reset();
    }

    @Test
    void old_rows_go_by_their_age_and_a_processed_mark_only_after_redelivery_is_impossible() throws Exception {
        String subject = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String idemKey = "retention-" + subject;
        QuarkusTransaction.requiringNew().run(() -> outbox.append(subject, "crm.customer.updated.v1", Map.of("note", "retention")));
        assertThat(TopicRecords.await("crm.customers", Duration.ofSeconds(15), r -> subject.equals(r.key()))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from outbox_event where event_key = ? and published_at is not null", subject) == 1);
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "insert into idempotency_record (scope, idem_key, request_hash, status, created_at) values ('retention-test', ?, 'h', 201, now())")) {
            s.setString(1, idemKey);
            s.executeUpdate();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed(CONSUMER, eventId, "crm.test.v1"))).isTrue();

        // Today nothing of ours is old enough.
        retention.purge();
        assertThat(count("select count(*) from outbox_event where event_key = ?", subject)).isEqualTo(1);
        assertThat(count("select count(*) from idempotency_record where idem_key = ?", idemKey)).isEqualTo(1);

        // Eight days on: the published row (7 days) and the key (1 day) are gone; the mark is not,
        // since the consumed topics are kept forever (no redelivery horizon), and a redelivery is skipped.
        ControllableClock.advance(Duration.ofDays(8));
        Retention.Purged purged = retention.purge();
        assertThat(purged.publishedEvents()).isPositive();
        assertThat(purged.processedEvents()).isZero();
        assertThat(count("select count(*) from outbox_event where event_key = ?", subject)).isZero();
        assertThat(count("select count(*) from idempotency_record where idem_key = ?", idemKey)).isZero();
        assertThat(count("select count(*) from processed_event where consumer = ? and event_id = ?", CONSUMER, eventId)).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed(CONSUMER, eventId, "crm.test.v1"))).isFalse();

        // With topics kept 14 days, a mark lives 14 + 7 (segment margin) days: still there on day 8 ...
        retention.purge(RetentionCutoffs.at(clock.instant(), Duration.ofDays(7), Duration.ofDays(1), Optional.of(Duration.ofDays(14)), Duration.ofDays(7)));
        assertThat(count("select count(*) from processed_event where consumer = ? and event_id = ?", CONSUMER, eventId)).isEqualTo(1);
        // ... and gone on day 22, when the topic can no longer hold the event; only then could it apply again.
        ControllableClock.advance(Duration.ofDays(14));
        retention.purge(RetentionCutoffs.at(clock.instant(), Duration.ofDays(7), Duration.ofDays(1), Optional.of(Duration.ofDays(14)), Duration.ofDays(7)));
        assertThat(count("select count(*) from processed_event where consumer = ? and event_id = ?", CONSUMER, eventId)).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed(CONSUMER, eventId, "crm.test.v1"))).isTrue();
    }

    private static int count(String sql, String... parameters) throws Exception {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
