package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.EventsConfig;
import dev.crmsuite.platform.tracing.EventSpans;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link EventSubscriber} bean of the service, in the consumer groups of
 * {@link SubscriberGroup}: one shared by the subscribers (each record fetched and parsed once, handed
 * to every member that reads its topic) and one per rebuildable subscriber. Each group runs
 * {@code crm.events.consumer-threads} Kafka consumers (one thread each; one by default, and always
 * one if all its members are {@link BatchEventSubscriber}s).
 *
 * <p>Delivery is at least once (offsets are committed only after the effect committed); the
 * processed-event mark written in the effect's transaction turns that into exactly once in effect.
 * A poison record goes to {@code <topic>.dlq} with the reason in headers and the partition moves
 * on. While the database is unreachable the record is retried with backoff, never dead-lettered.
 * Records of types the subscriber does not {@linkplain EventSubscriber#handles handle} are passed
 * over without a transaction or a mark; their offsets are committed with the others. A record's
 * offset is committed once every member has applied it; a member that refuses one as poison has it
 * dead-lettered under its own name while the others apply it.
 * Each applied event gets a consumer span continuing the producer's trace ({@link EventSpans}).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    private static final int ATTEMPTS_BEFORE_DEAD_LETTER = 3;

    @Inject
    Instance<EventSubscriber> subscribers;
    @Inject
    ProcessedEvents processed;
    @Inject
    EventsConfig config;
    @Inject
    MeterRegistry meters;
    @Inject
    dev.crmsuite.platform.events.KafkaConnection kafka;
    @Inject
    io.opentelemetry.api.trace.Tracer tracer;
    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private final List<Loop> loops = new ArrayList<>();
    private KafkaProducer<String, String> deadLetters;
    private boolean stopped;

    /*
     * Nothing Kafka is built here: each consumer is built on its own thread and the dead-letter
     * producer on first use. Building Kafka clients on the start-up thread was a noticeable part of
     * every start (issue 19 target 6); the consumers' group join, which readiness waits for, still
     * starts right away.
     */
    void start(@Observes StartupEvent ignored) {
        if (!config.enabled() || subscribers.isUnsatisfied()) {
            return;
        }
        fetchWaitMillis(config);
        for (SubscriberGroup group : SubscriberGroup.plan(applicationName, subscribers, EventSubscriber::generation)) {
            startConsumersOf(group);
        }
    }

    /** Starts the consumers of one subscriber in a group of its own; returns their threads. */
    List<Thread> startConsumersOf(EventSubscriber subscriber) {
        return startConsumersOf(SubscriberGroup.alone(applicationName, subscriber));
    }

    /** Starts the group's consumers; returns their threads. */
    List<Thread> startConsumersOf(SubscriberGroup group) {
        List<Thread> started = new ArrayList<>();
        GroupStart start = new GroupStart(group);
        for (int i = 1; i <= group.consumers(config.consumerThreads()); i++) {
            Loop loop = new Loop(group, start, i);
            loops.add(loop);
            loop.thread = Thread.ofPlatform().name("consumer-" + group.name() + "-" + i).daemon().start(loop);
            started.add(loop.thread);
        }
        return started;
    }

    /**
     * How long closing a consumer may take. It leaves its group first (on the coordinator's own
     * connection), then closes its fetch session, whose request the broker answers only after the
     * fetch it holds for an idle consumer (up to crm.events.consumer-fetch-wait): with the 5 s Kafka
     * allowed before, every stop of an idle service took the whole fetch wait. Offsets are committed
     * before the close; an unclosed fetch session only expires on the broker.
     */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    /** How long a start waits for the broker's answer on the group's offsets before trying again. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** The longest fetch wait: below the consumers' request timeout (Kafka's 30 s), or every idle fetch would time out. */
    static final Duration LONGEST_FETCH_WAIT = Duration.ofSeconds(20);

    /** crm.events.consumer-fetch-wait in milliseconds, refused (the start fails) outside 0 to {@link #LONGEST_FETCH_WAIT}. */
    static int fetchWaitMillis(EventsConfig config) {
        Duration wait = config.consumerFetchWait();
        if (wait.isNegative() || wait.compareTo(LONGEST_FETCH_WAIT) > 0) {
            throw new IllegalStateException("crm.events.consumer-fetch-wait must be between 0 and " + LONGEST_FETCH_WAIT.toSeconds()
                    + "s (below the consumers' 30 s request timeout), not " + wait);
        }
        return (int) wait.toMillis();
    }

    /** How many consumers (threads) run the subscriber in a group of its own: see {@link SubscriberGroup#consumers}. */
    int consumersOf(EventSubscriber subscriber) {
        return SubscriberGroup.alone(applicationName, subscriber).consumers(config.consumerThreads());
    }

    void stop(@Observes ShutdownEvent ignored) {
        loops.forEach(Loop::stop);
        for (Loop loop : loops) {
            try {
                loop.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            stopped = true;
            if (deadLetters != null) {
                deadLetters.close(Duration.ofSeconds(5));
            }
        }
    }

    /** The producer for dead letters, built the first time an event cannot be applied. */
    private synchronized KafkaProducer<String, String> deadLetters() {
        if (stopped) {
            throw new IllegalStateException("stopping: the dead letter is not sent, the event stays uncommitted");
        }
        if (deadLetters == null) {
            Map<String, Object> settings = kafka.clientSettings();
            settings.putAll(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-dead-letters",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
            deadLetters = new KafkaProducer<>(settings);
        }
        return deadLetters;
    }

    /**
     * Every consumer has joined its group at least once (an empty assignment counts: with more
     * replicas than partitions some consumers rightly get none). Until then a new replica would
     * not yet react to events, so it is not ready.
     */
    public boolean allJoined() {
        return loops.stream().allMatch(l -> l.joined);
    }

    /**
     * Every consumer thread is alive, unless it was asked to stop (for the liveness check). A thread
     * that ended on its own (an error it could not handle) never consumes again, so the process is
     * not live: the orchestrator restarts it rather than letting it look healthy while events pile up.
     */
    public boolean allAlive() {
        return loops.stream().allMatch(l -> l.stopRequested || l.thread.isAlive());
    }

    private enum Outcome { DONE, RETRY_LATER }

    /**
     * What the consumers of a shared group do once, before the first of them joins: carry the
     * former per-subscriber groups' offsets over ({@link FormerGroupOffsets}). Until that has
     * succeeded no consumer of the group joins, so none starts at the topics' beginning by mistake.
     */
    private final class GroupStart {
        private final SubscriberGroup group;
        private boolean done;

        GroupStart(SubscriberGroup group) {
            this.group = group;
            this.done = !group.shared();
        }

        /**
         * Returns once the group may be joined, or false if its consumer was asked to stop first.
         * {@code consumer} (of this group, not subscribed yet) answers whether the group has offsets
         * of its own, as it has on every start but the first: then no admin client is built, which
         * cost about 0.1 s of every start.
         */
        synchronized boolean await(Loop loop, KafkaConsumer<String, String> consumer) throws InterruptedException {
            long backoff = 500;
            while (!done) {
                if (!loop.running) {
                    return false;
                }
                try {
                    if (!FormerGroupOffsets.committedAny(consumer, group.topics(), START_TIMEOUT)) {
                        Map<String, Object> settings = kafka.clientSettings();
                        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, group.id(null) + "-start");
                        try (Admin admin = Admin.create(settings)) {
                            FormerGroupOffsets.carryOver(admin, group.id(null), group.formerGroups());
                        }
                    }
                    done = true;
                } catch (InterruptedException | WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warnf("%s: former consumer groups' offsets not read yet, will retry: %s", group.id(null), e.toString());
                    wait(backoff); // releases the monitor, so stop() is not held up
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
            return true;
        }
    }

    private final class Loop implements Runnable {
        final SubscriberGroup group;
        final GroupStart start;
        volatile KafkaConsumer<String, String> consumer;
        volatile boolean running = true;
        volatile boolean stopRequested;
        volatile boolean joined;
        Thread thread;
        /** The generation of a rebuildable subscriber's own group; null for a shared group. */
        String generation;
        long generationCheckedAt;

        final int index;
        /** Offsets of applied records not committed yet (see {@link #commitPending}). */
        private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
        private long lastCommitNanos = System.nanoTime();

        Loop(SubscriberGroup group, GroupStart start, int index) {
            this.group = group;
            this.start = start;
            this.index = index;
            this.generation = group.shared() ? null : group.members().getFirst().generation();
        }

        private String groupId() {
            return group.id(generation);
        }

        /** The member's name in spans and dead letters. */
        private String memberId(EventSubscriber member) {
            return group.memberId(member, generation);
        }

        private KafkaConsumer<String, String> newConsumer() {
            Map<String, Object> props = new HashMap<>();
            props.putAll(kafka.clientSettings());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId() + "-" + index);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchWaitMillis(config));
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            return new KafkaConsumer<>(props);
        }

        /** Moves a rebuildable subscriber to its new generation's consumer group when the generation changed. */
        private void followGeneration() {
            if (group.shared()) {
                return;
            }
            long now = System.currentTimeMillis();
            if (now - generationCheckedAt < 2_000) {
                return;
            }
            generationCheckedAt = now;
            String current;
            try {
                current = group.members().getFirst().generation();
            } catch (RuntimeException e) {
                return; // the database is away; check again later
            }
            if (java.util.Objects.equals(current, generation)) {
                return;
            }
            LOG.infof("%s: generation %s -> %s, consuming again from the beginning", groupId(), generation, current);
            commitQuietly();
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(CLOSE_TIMEOUT));
            pending.clear();
            generation = current;
            consumer = newConsumer();
            subscribe();
        }

        private void subscribe() {
            consumer.subscribe(new ArrayList<>(group.topics()), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    // Still ours: hand over exactly where we are, so the next owner repeats nothing.
                    commitQuietly();
                }

                @Override
                public void onPartitionsLost(java.util.Collection<TopicPartition> partitions) {
                    // No longer ours and not committable: the next owner re-reads them; the inbox marks
                    // make that harmless.
                    pending.keySet().removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    joined = true;
                }
            });
        }

        void stop() {
            stopRequested = true;
            running = false;
            // Null while the thread is still building it: the thread then sees running == false
            // before its first poll (running is written before consumer is read here, and the
            // thread writes consumer before it reads running).
            KafkaConsumer<String, String> built = consumer;
            if (built != null) {
                built.wakeup();
            }
        }

        @Override
        public void run() {
            long backoff = 100;
            try {
                consumer = newConsumer();
                if (!start.await(this, consumer)) {
                    return;
                }
                subscribe();
                while (running) {
                    followGeneration();
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                    boolean retryLater = false;
                    List<ConsumerRecord<String, String>> ordered = new ArrayList<>(records.count());
                    for (TopicPartition partition : records.partitions()) {
                        ordered.addAll(records.records(partition));
                    }
                    int batchSize = Math.max(1, config.consumerBatchSize());
                    outer:
                    for (int from = 0; from < ordered.size(); from += batchSize) {
                        List<ConsumerRecord<String, String>> chunk = ordered.subList(from, Math.min(ordered.size(), from + batchSize));
                        if (chunk.size() > 1 && applyTogether(chunk)) {
                            chunk.forEach(r -> done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
                            continue;
                        }
                        for (ConsumerRecord<String, String> record : chunk) {
                            if (process(record) == Outcome.RETRY_LATER) {
                                retryLater = true;
                                break outer;
                            }
                            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                        }
                    }
                    pending.putAll(done);
                    commitPending(records.isEmpty() || retryLater);
                    if (retryLater) {
                        // Rewind every partition of this batch to its first record not applied by every
                        // member; members that did apply it skip it next time by their marks.
                        for (TopicPartition partition : records.partitions()) {
                            OffsetAndMetadata next = done.get(partition);
                            consumer.seek(partition, next != null ? next.offset() : records.records(partition).getFirst().offset());
                        }
                        TimeUnit.MILLISECONDS.sleep(backoff);
                        backoff = Math.min(backoff * 2, 5_000);
                    } else {
                        backoff = 100;
                    }
                }
            } catch (WakeupException e) {
                // stop() asked us to leave poll(); fall through to close.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "consumer %s stopped", groupId());
            } finally {
                running = false;
                if (consumer != null) {
                    commitQuietly();
                    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(CLOSE_TIMEOUT));
                }
            }
        }

        /** Commits what is pending where a failure must not stop the consumer; the inbox covers a miss. */
        private void commitQuietly() {
            try {
                commitPending(true);
            } catch (RuntimeException e) {
                LOG.debugf("%s: offsets not committed: %s", groupId(), e.toString());
                pending.clear();
            }
        }

        /**
         * Commits the offsets of what was applied, at most every {@code crm.events.consumer-commit-interval}
         * unless forced (idle, retrying, handing over, closing). A commit per poll cost a broker write
         * and a blocking round trip per few events. Offsets committed late only mean events applied
         * again after a crash, which their processed-event marks turn into no-ops.
         */
        private void commitPending(boolean force) {
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (!force && now - lastCommitNanos < config.consumerCommitInterval().toNanos()) {
                return;
            }
            try {
                consumer.commitSync(pending);
            } catch (org.apache.kafka.clients.consumer.CommitFailedException | org.apache.kafka.common.errors.RebalanceInProgressException e) {
                // The group moved on without us; the new owner starts from the last commit.
                LOG.debugf("%s: offsets not committed, partitions moved: %s", groupId(), e.getMessage());
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
                return; // stopping: run()'s finally commits once more; anything missed is re-read and skipped
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Kafka away for longer than the client's API timeout (60 s): keep the offsets for the
                // next commit instead of letting the exception end this consumer for good.
                LOG.warnf("%s: offsets not committed yet, kept for the next commit: %s", groupId(), e.getMessage());
                return;
            }
            pending.clear();
            lastCommitNanos = now;
        }

        /**
         * Applies several records in one transaction, for every member that reads them, each event
         * with its processed-event marks (one statement for all). False (and nothing applied) if any
         * record is unparseable or the transaction fails: the caller then takes them one by one,
         * where poison, transient and repeated failures are told apart per member. Events a member
         * does not handle take no part in the transaction (see {@link EventSubscriber#handles}); a
         * chunk that no member handles opens none.
         */
        private boolean applyTogether(List<ConsumerRecord<String, String>> chunk) {
            List<CloudEvent> events = new ArrayList<>(chunk.size());
            Map<String, String> topics = new HashMap<>(); // event id -> the topic it came from
            for (ConsumerRecord<String, String> record : chunk) {
                if (record.value() == null) {
                    return false; // a tombstone: applied on its own by process()
                }
                try {
                    CloudEvent event = EventJson.parse(record.value());
                    events.add(event);
                    topics.put(event.id(), record.topic());
                } catch (RuntimeException e) {
                    return false;
                }
            }
            Map<String, List<CloudEvent>> handled = new java.util.LinkedHashMap<>(); // member name -> its events, in order
            Map<EventSubscriber, Integer> read = new HashMap<>();
            for (EventSubscriber member : group.members()) {
                List<CloudEvent> its = new ArrayList<>();
                int count = 0;
                for (CloudEvent event : events) {
                    if (member.topics().contains(topics.get(event.id()))) {
                        count++;
                        if (handled(member, event)) {
                            its.add(event);
                        }
                    }
                }
                read.put(member, count);
                if (!its.isEmpty()) {
                    handled.put(member.name(), its);
                }
            }
            if (!handled.isEmpty()) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        // one statement marks the whole batch for every member; only events new to a member are applied
                        Set<ProcessedEvents.Mark> fresh = processed.markAllProcessed(handled);
                        for (EventSubscriber member : group.members()) {
                            List<CloudEvent> its = handled.get(member.name());
                            if (its != null) {
                                applyShare(member, its, fresh, topics);
                            }
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.debugf("%s: a batch of %d events failed together, applying them one by one: %s", groupId(),
                            events.size(), e);
                    return false;
                } finally {
                    MDC.remove("eventId");
                    MDC.remove("requestId");
                }
            }
            // Skipped events count too: "consumed" means the partition moved past them.
            read.forEach((member, count) -> {
                if (count > 0) {
                    meters.counter("crm.events.consumed", "subscriber", member.name()).increment(count);
                }
            });
            return true;
        }

        /** Applies a member's share of a batch: the events new to it, in order, each in its consumer span. */
        private void applyShare(EventSubscriber member, List<CloudEvent> its, Set<ProcessedEvents.Mark> fresh, Map<String, String> topics) {
            if (member instanceof BatchEventSubscriber batched) {
                applyAll(batched, its.stream().filter(e -> fresh.contains(new ProcessedEvents.Mark(member.name(), e.id()))).toList(), topics);
                return;
            }
            for (CloudEvent event : its) {
                MDC.put("eventId", event.id());
                // Each event's own request id, so what it causes carries it on (as applied alone).
                if (event.requestid() != null) {
                    MDC.put("requestId", event.requestid());
                } else {
                    MDC.remove("requestId");
                }
                try (EventSpans.Handling ignored = EventSpans.start(tracer, topics.get(event.id()), memberId(member), event)) {
                    // remove: an event twice in one batch is applied once
                    if (fresh.remove(new ProcessedEvents.Mark(member.name(), event.id()))) {
                        member.handle(event);
                    }
                }
            }
        }

        /**
         * One call for the batch, with every event's span open around it (closed in reverse order) and
         * registered for {@link BatchedEvents#during}, which makes one of them current for the work done for it.
         */
        private void applyAll(BatchEventSubscriber batched, List<CloudEvent> fresh, Map<String, String> topics) {
            if (fresh.isEmpty()) {
                return;
            }
            java.util.ArrayDeque<EventSpans.Handling> spans = new java.util.ArrayDeque<>(fresh.size());
            Map<String, io.opentelemetry.api.trace.Span> byEvent = new HashMap<>();
            try {
                for (CloudEvent event : fresh) {
                    EventSpans.Handling handling = EventSpans.start(tracer, topics.get(event.id()), memberId(batched), event);
                    spans.push(handling);
                    byEvent.put(event.id(), handling.span());
                }
                BatchedEvents.register(byEvent);
                batched.handleAll(fresh);
            } finally {
                BatchedEvents.clear();
                while (!spans.isEmpty()) {
                    spans.pop().close();
                }
            }
        }

        /**
         * Whether the event needs the member's transaction and processed mark. A subscriber whose
         * {@code handles} fails gets the event anyway, as before there was a choice.
         */
        private boolean handled(EventSubscriber member, CloudEvent event) {
            try {
                return member.handles(event.type());
            } catch (RuntimeException e) {
                return true;
            }
        }

        /** Applies one record for every member that reads its topic, each in its own transaction. */
        private Outcome process(ConsumerRecord<String, String> record) {
            List<EventSubscriber> readers = group.readersOf(record.topic());
            if (record.value() == null) {
                for (EventSubscriber member : readers) {
                    if (tombstone(member, record) == Outcome.RETRY_LATER) {
                        return Outcome.RETRY_LATER;
                    }
                }
                return Outcome.DONE;
            }
            CloudEvent event;
            try {
                event = EventJson.parse(record.value());
            } catch (RuntimeException e) {
                // No member can read it: one dead letter, under the group's name.
                return deadLetter(record, null, e.getMessage());
            }
            for (EventSubscriber member : readers) {
                if (process(member, record, event) == Outcome.RETRY_LATER) {
                    return Outcome.RETRY_LATER;
                }
            }
            return Outcome.DONE;
        }

        private Outcome process(EventSubscriber member, ConsumerRecord<String, String> record, CloudEvent event) {
            if (!handled(member, event)) {
                // Nothing to apply, so nothing to mark: no transaction, and the offset is committed as usual.
                meters.counter("crm.events.consumed", "subscriber", member.name()).increment();
                return Outcome.DONE;
            }
            MDC.put("eventId", event.id());
            if (event.requestid() != null) {
                MDC.put("requestId", event.requestid());
            }
            EventSpans.Handling span = EventSpans.start(tracer, record.topic(), memberId(member), event);
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> {
                            if (processed.markProcessed(member.name(), event.id(), event.type())) {
                                member.handle(event);
                            }
                        });
                        meters.counter("crm.events.consumed", "subscriber", member.name()).increment();
                        return Outcome.DONE;
                    } catch (RuntimeException e) {
                        if (Failures.isPoison(e)) {
                            span.failed(rootMessage(e));
                            return deadLetter(record, member, rootMessage(e));
                        }
                        if (Failures.isTransient(e)) {
                            LOG.warnf("%s: event %s not applied yet, will retry: %s", member.name(), event.id(), e);
                            return Outcome.RETRY_LATER;
                        }
                        if (attempt >= ATTEMPTS_BEFORE_DEAD_LETTER) {
                            LOG.errorf(e, "%s: event %s failed %d times", member.name(), event.id(), attempt);
                            span.failed(rootMessage(e));
                            return deadLetter(record, member, rootMessage(e));
                        }
                    }
                }
            } finally {
                span.close();
                MDC.remove("eventId");
                MDC.remove("requestId");
            }
        }

        /** A compacted topic's tombstone: idempotent by nature, so no processed-event mark. */
        private Outcome tombstone(EventSubscriber member, ConsumerRecord<String, String> record) {
            for (int attempt = 1; ; attempt++) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> member.handleTombstone(record.topic(), record.key()));
                    meters.counter("crm.events.consumed", "subscriber", member.name()).increment();
                    return Outcome.DONE;
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        LOG.warnf("%s: tombstone %s not applied yet, will retry: %s", member.name(), record.key(), e);
                        return Outcome.RETRY_LATER;
                    }
                    if (Failures.isPoison(e) || attempt >= ATTEMPTS_BEFORE_DEAD_LETTER) {
                        return deadLetter(record, member, rootMessage(e));
                    }
                }
            }
        }

        /**
         * Sends the record to its topic's dead-letter topic, saying who refused it: a member (so a
         * redrive knows whose effect is missing) or, for a record none can read ({@code member}
         * null), the group.
         */
        private Outcome deadLetter(ConsumerRecord<String, String> record, EventSubscriber member, String reason) {
            String refusedBy = member == null ? groupId() : memberId(member);
            String topic = record.topic() + config.deadLetterSuffix();
            ProducerRecord<String, String> dead = new ProducerRecord<>(topic, record.key(), record.value());
            header(dead, "dlq-reason", reason);
            header(dead, "dlq-consumer", refusedBy);
            header(dead, "dlq-original-topic", record.topic());
            header(dead, "dlq-original-partition", String.valueOf(record.partition()));
            header(dead, "dlq-original-offset", String.valueOf(record.offset()));
            header(dead, "dlq-time", Instant.now().toString());
            try {
                deadLetters().send(dead).get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("could not dead-letter %s-%d@%d, will retry: %s", record.topic(), record.partition(),
                        record.offset(), e.toString());
                return Outcome.RETRY_LATER;
            }
            LOG.warnf("%s: dead-lettered %s-%d@%d to %s: %s", refusedBy, record.topic(), record.partition(),
                    record.offset(), topic, reason);
            meters.counter("crm.events.dead-lettered", "subscriber", member != null ? member.name() : group.name()).increment();
            return Outcome.DONE;
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
