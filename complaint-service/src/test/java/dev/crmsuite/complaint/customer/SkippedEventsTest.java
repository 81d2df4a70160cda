package dev.crmsuite.complaint.customer;

import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events a subscriber does nothing with are passed over without a transaction or a processed
 * mark (EventSubscriber.handles), while the ones it acts on are still marked and applied, in
 * partition order, and every one of them still counts as consumed.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SkippedEventsTest {

    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry meters;

    @Test
    void customer_events_the_copy_ignores_leave_no_processed_mark_and_the_others_are_applied() throws Exception {
        String customer = Api.newCustomer();
        double consumedBefore = consumed("complaint-customer-copy");

        String registered = TopicRecords.newId();
        String purchase = TopicRecords.newId();
        String touchpoint = TopicRecords.newId();
        String stage = TopicRecords.newId();
        String segment = TopicRecords.newId();
        String lateTouchpoint = TopicRecords.newId();
        String lateUpdate = TopicRecords.newId();
        // Sent together so that they are mostly polled (and applied) as one batch.
        sendTogether("crm.customers", customer, List.of(
                event(registered, "crm.customer.registered.v1", customer, """
                        {"customerId":"%s","kind":"PERSON","segment":"TRANSACTIONAL",
                         "valueTier":"C","registeredAt":"2026-11-22T10:00:00Z"}""".formatted(customer)),
                event(purchase, "crm.purchase.recorded.v1", customer, """
                        {"purchaseId":"%s","customerId":"%s","amount":12.00,"currency":"EUR",
                         "purchasedAt":"2026-11-22T10:05:00Z","items":[]}""".formatted(UUID.randomUUID(), customer)),
                event(touchpoint, "crm.touchpoint.logged.v1", customer, "{\"customerId\":\"" + customer + "\"}"),
                event(stage, "crm.customer.stage-changed.v1", customer,
                        "{\"customerId\":\"" + customer + "\",\"stage\":\"TRUSTING\"}"),
                event(segment, "crm.customer.segment-changed.v1", customer, """
                        {"customerId":"%s","segment":"KEY_ACCOUNT","valueTier":"A","changedAt":"2026-11-22T10:10:00Z"}"""
                        .formatted(customer))));
        await().atMost(Duration.ofSeconds(30)).until(() -> marks(segment, "complaint-customer-copy") == 1);

        assertThat(marks(registered, "complaint-customer-copy")).isEqualTo(1);
        // The ignored ones came before the segment change on the same partition, so they were passed.
        assertThat(marks(purchase, null)).isZero();
        assertThat(marks(touchpoint, null)).isZero();
        assertThat(marks(stage, null)).isZero();
        assertThat(text("select segment from known_customer where customer_id = '" + customer + "'"))
                .isEqualTo("KEY_ACCOUNT");

        // A poll made only of ignored events, then a handled one behind it.
        sendTogether("crm.customers", customer, List.of(
                event(lateTouchpoint, "crm.touchpoint.logged.v1", customer, "{\"customerId\":\"" + customer + "\"}")));
        sendTogether("crm.customers", customer, List.of(
                event(lateUpdate, "crm.customer.updated.v1", customer, """
                        {"customerId":"%s","changedFields":["tags"],"updatedAt":"2026-11-22T11:00:00Z"}""".formatted(customer))));
        await().atMost(Duration.ofSeconds(30)).until(() -> marks(lateUpdate, "complaint-customer-copy") == 1);
        assertThat(marks(lateTouchpoint, null)).isZero();
        assertThat(text("select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') from known_customer "
                + "where customer_id = '" + customer + "'")).isEqualTo("2026-11-22T11:00");

        // All seven count as consumed, the skipped ones included (the benchmark waits on this counter).
        await().atMost(Duration.ofSeconds(10)).until(() -> consumed("complaint-customer-copy") >= consumedBefore + 7);
    }

    @Test
    void the_survey_loop_marks_only_unhappy_responses() throws Exception {
        String customer = Api.newCustomer();
        String submitted = TopicRecords.newId();
        String unhappy = TopicRecords.newId();
        sendTogether("crm.surveys", customer, List.of(
                event(submitted, "crm.survey.response.submitted.v1", customer, """
                        {"responseId":"%s","customerId":"%s","nps":3}""".formatted(UUID.randomUUID(), customer)),
                // Not about a complaint: handled (marked) without anything to reopen.
                event(unhappy, "crm.survey.unhappy-response.v1", customer, """
                        {"responseId":"%s","customerId":"%s","scoreType":"NPS","score":3}"""
                        .formatted(UUID.randomUUID(), customer))));
        await().atMost(Duration.ofSeconds(30)).until(() -> marks(unhappy, "complaint-survey-loop") == 1);
        assertThat(marks(submitted, null)).isZero();
    }

    private static String event(String id, String type, String customer, String data) {
        return TopicRecords.cloudEvent(id, "/crm/test", type, customer, data);
    }

    /** All records of one customer through one producer, back to back (TopicRecords.sendTogether). */
    private static void sendTogether(String topic, String key, List<String> values) {
        TopicRecords.sendTogether(topic, values.stream().map(v -> Map.entry(key, v)).toList());
    }

    /** processed_event rows for the event, of one consumer or (null) of any. */
    private long marks(String eventId, String consumer) throws Exception {
        String sql = "select count(*) from processed_event where event_id = '" + eventId + "'"
                + (consumer == null ? "" : " and consumer = '" + consumer + "'");
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private double consumed(String subscriber) {
        var counter = meters.find("crm.events.consumed").tag("subscriber", subscriber).counter();
        return counter == null ? 0 : counter.count();
    }
}
