package dev.crmsuite.platform.outbox;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.EventsConfig;
import dev.crmsuite.platform.sql.RowsAtCommit;
import dev.crmsuite.platform.tracing.TraceContext;
import dev.crmsuite.platform.web.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The transactional outbox: a service records an event in the same database transaction as the
 * state change it describes. Either both commit or neither does, so an event is never published
 * for a rolled-back change and never lost for a committed one. {@link OutboxRelay} publishes the
 * committed rows to Kafka.
 */
@ApplicationScoped
public class Outbox {

    private static final RowsAtCommit.Table TABLE = RowsAtCommit.Table.of("outbox_event",
            "id", "uuid", "topic", "text", "event_key", "text", "event_type", "text", "payload", "jsonb", "created_at", "timestamptz");

    @Inject
    EventsConfig config;
    @Inject
    OutboxRelay relay;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    Clock clock;
    @Inject
    RowsAtCommit rows;

    /**
     * Appends an event of {@code type} (e.g. {@code crm.customer.registered.v1}) about
     * {@code customerId}. Must run inside the caller's transaction: an event written on its own
     * would defeat the point.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(String customerId, String type, Object data) {
        return appendTo(config.topic().orElseThrow(() -> new IllegalStateException(
                "crm.events.topic is not set: this process publishes no events")), customerId, type, data);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent appendTo(String topic, String customerId, String type, Object data) {
        return appendKeyed(topic, customerId, customerId, type, data);
    }

    /**
     * Appends an event whose Kafka record key is not the customer id: the records of a compacted
     * topic are keyed by what one record replaces (see {@code privacy.PersonalData}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent appendKeyed(String topic, String key, String subject, String type, Object data) {
        // The current span (the HTTP request's, or the consumer's of the event that caused this one):
        // the consumers of this event continue its trace.
        TraceContext.Attributes trace = TraceContext.current();
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), config.source(),
                type, subject, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), CloudEvent.JSON,
                RequestIds.current(), trace.traceparent(), trace.tracestate(), EventJson.MAPPER.valueToTree(data));
        insert(UUID.fromString(event.id()), topic, key, type, EventJson.write(event), event.time());
        return event;
    }

    /**
     * Appends a tombstone: a record with {@code key} and no value, which tells a compacted topic to
     * drop every earlier record of that key. {@code type} only labels the outbox row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendTombstone(String topic, String key, String type) {
        insert(UUID.randomUUID(), topic, key, type, null, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * Writes the events appended in this transaction so far, at once (they are otherwise written
     * just before it commits, see {@link RowsAtCommit}). For a statement of the same transaction that
     * reads or changes {@code outbox_event} and must see them (an erasure deleting the rows that
     * carried personal data).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush() {
        rows.flush(TABLE);
    }

    private void insert(UUID id, String topic, String key, String type, String payload, OffsetDateTime at) {
        // One insert for all of the transaction's events, just before it commits (a purchase appends three).
        boolean first = rows.add(TABLE, id.toString(), topic, key, type, payload, at.toString());
        if (first) {
            // Wake the relay as soon as the rows are visible instead of waiting for its next poll.
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
    }
}
