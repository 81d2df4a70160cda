package dev.crmsuite.platform.outbox;

import dev.crmsuite.platform.events.EventsConfig;
import dev.crmsuite.platform.sql.JdbcStatement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them published.
 *
 * <p>Why it is correct:
 * <ul>
 * <li>Only committed rows are visible to it, so a rolled-back change never yields an event.</li>
 * <li>A row is marked published only after Kafka acknowledged it (acks=all, idempotent producer),
 * so an outage or a crash leaves it unmarked and it is sent again later. A crash between the
 * acknowledgement and the mark can publish a row twice; consumers are idempotent on the event id,
 * so the effect happens once.</li>
 * <li>Order per customer holds across replicas because each batch runs under a PostgreSQL advisory
 * lock: exactly one replica relays at a time, in {@code seq} order, and an idempotent producer
 * keeps the order within a partition.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: the same for every replica of one service (each service has its own database). */
    static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"

    @Inject
    EventsConfig config;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry meters;
    @Inject
    dev.crmsuite.platform.events.KafkaConnection kafka;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong lastSuccess = new AtomicLong(System.currentTimeMillis());
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaProducer<String, String> producer;
    private Counter published;

    void start(@Observes @Priority(100) StartupEvent ignored) {
        if (!config.enabled() || config.topic().isEmpty()) {
            return; // nothing to publish: no producer, no thread, no outbox meters
        }
        Map<String, Object> props = kafka.clientSettings();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Idempotence keeps up to 5 in-flight batches in order per partition.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // Bounded waits: while Kafka is away a batch fails fast and is retried, never hangs the relay.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // Long enough to ride out a broker restart: an expired batch is resent by the next attempt,
        // which can duplicate it on the topic (consumers dedupe by event id, but fewer is better).
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.source().replaceAll("[^A-Za-z0-9-]", ""));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        published = meters.counter("crm.outbox.published");
        meters.gauge("crm.outbox.pending", this, OutboxRelay::pendingCount);
        running = true;
        // The producer is built on the relay's own thread: building a Kafka client is a noticeable
        // part of a start (config parsing, metrics, the sender thread), and the relay needs it only
        // once it runs, so the rest of the start need not wait for it (issue 19 target 6).
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(() -> {
            producer = new KafkaProducer<>(props);
            loop();
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        Thread t = thread;
        if (t != null) {
            wakeUp();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        KafkaProducer<String, String> built = producer;
        if (built != null) {
            built.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows, so they go out without waiting for a poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    /** The relay thread is alive and has not been failing for longer than a minute. */
    public boolean isHealthy() {
        Thread t = thread;
        return !running || (t != null && t.isAlive());
    }

    public long millisSinceLastSuccess() {
        return System.currentTimeMillis() - lastSuccess.get();
    }

    private void loop() {
        long backoff = 100;
        RelayPace pace = new RelayPace(config.relayPollInterval(), config.relayIdlePollInterval());
        while (running) {
            try {
                Look look;
                do {
                    look = publishBatch();
                } while (look.published() == config.relayBatchSize() && running);
                lastSuccess.set(System.currentTimeMillis());
                backoff = 100;
                if (waitForWork(pace.after(look))) {
                    pace.wokenUp();
                }
            } catch (Exception e) {
                LOG.warnf("outbox relay could not publish, retrying in %d ms: %s", backoff, e.toString());
                waitForWork(backoff);
                backoff = Math.min(backoff * 2, config.relayMaxBackoff().toMillis());
            }
        }
    }

    /** Waits until woken or {@code millis} passed; true when woken. */
    private boolean waitForWork(long millis) {
        try {
            if (wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    /** What one look at the outbox did: whether it held the relay lock, and how many rows it published. */
    record Look(boolean locked, int published) {
    }

    private record Row(boolean locked, UUID id, String topic, String key, String type, String payload) {
    }

    /** Publishes one batch, if this replica gets the relay lock. */
    Look publishBatch() {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            // Only the replica holding the relay lock publishes (in order). The lock is taken by the same
            // statement that reads the batch: the materialized CTE runs once, before any row is read (as a
            // plain sub-select PostgreSQL inlined the call twice). The statement always answers at least one
            // row, saying whether the lock was taken: a look with nothing to publish costs one statement, and
            // one that met another replica's batch knows to look again soon (RelayPace).
            List<Row> rows = JdbcStatement.of("""
                            with l as materialized (select pg_try_advisory_xact_lock(?2) as held)
                            select l.held, e.id, e.topic, e.event_key, e.event_type, cast(e.payload as text) as payload
                            from l left join lateral (select id, topic, event_key, event_type, payload, seq from outbox_event
                                               where l.held and published_at is null order by seq limit ?1) e on true
                            order by e.seq""", List.of(config.relayBatchSize(), RELAY_LOCK))
                    .list(em, r -> new Row(r.getBoolean(1), r.getObject(2, UUID.class), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6)));
            List<Row> batch = rows.stream().filter(r -> r.id() != null).toList();
            boolean locked = !rows.isEmpty() && rows.getFirst().locked();
            if (batch.isEmpty()) {
                return new Look(locked, 0);
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            List<UUID> ids = new ArrayList<>(batch.size());
            for (Row row : batch) {
                // A row without payload is a tombstone for a compacted topic: a record with no value.
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                if (row.payload() != null) {
                    record.headers().add(new RecordHeader("content-type",
                            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
                    record.headers().add(new RecordHeader("ce_type", row.type().getBytes(StandardCharsets.UTF_8)));
                }
                acks.add(producer.send(record));
                ids.add(row.id());
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(35, TimeUnit.SECONDS); // throws if Kafka did not take it: nothing gets marked
            }
            em.createNativeQuery("update outbox_event set published_at = now() where id in (:ids)")
                    .setParameter("ids", ids)
                    .executeUpdate();
            published.increment(ids.size());
            return new Look(true, ids.size());
        });
    }

    private double pendingCount() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from outbox_event where published_at is null").getSingleResult()).doubleValue());
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
