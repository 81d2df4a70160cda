package dev.crmsuite.customer.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.time.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Long back-office runs with a record (recorded_run): a run answered when done, or in the background
 * for a request with {@code Prefer: respond-async}, answered at once with the run to follow. At a
 * million customers such work takes longer than any HTTP timeout, so only a run with a record to read
 * tells a caller how it ended.
 *
 * <p>Background runs of one lane (value tiers; the backtests, which each read every customer's
 * history) go one at a time on the lane's executor, with no context of the request that asked for
 * them (it ends with the 202). While this instance holds a run, queued or
 * running, it renews the run's heartbeat; a run whose heartbeat stopped (the instance died) reads as
 * INTERRUPTED.
 */
@ApplicationScoped
public class RecordedRuns {

    private static final Logger LOG = Logger.getLogger(RecordedRuns.class);
    /** A queued or running run whose heartbeat is older than this was interrupted (the heartbeat is every 30 s). */
    static final Duration SILENCE = Duration.ofMinutes(2);

    public enum Kind {
        VALUE_TIERS("value-tiers"), RISK_BACKTEST("backtests"), SUGGESTION_BACKTEST("backtests");

        /** Runs of one lane go one at a time: two backtests at once would each hold a page of every customer's history. */
        final String lane;

        Kind(String lane) {
            this.lane = lane;
        }
    }

    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

    /** How a run was asked for: by the schedule, by a request awaiting its answer, or by one that asked for 202 (Prefer: respond-async). */
    // Named apart in the document: the suite's merged document already has a Trigger (another service's schema).
    @Schema(name = "ValueTierRunTrigger")
    public enum Trigger { SCHEDULE, REQUEST, BACKGROUND_REQUEST }

    /** A run as recorded; {@code parameters} and {@code result} are JSON text (or null). */
    public record Row(UUID id, Kind kind, Status status, Trigger trigger, String requestedBy, OffsetDateTime createdAt,
                      OffsetDateTime startedAt, OffsetDateTime finishedAt, String parameters, String result, String error) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final Map<String, Lane> lanes = new java.util.HashMap<>();
    /** Runs queued here and not yet started, by what they were asked as. */
    private final Map<Ask, Started<?>> queued = new ConcurrentHashMap<>();
    private final int maxPendingPerLane;
    private final Duration answerWithin;

    /** A lane's executor (one run at a time) and how many of its runs this instance holds, queued or running. */
    private record Lane(ManagedExecutor executor, AtomicInteger pending) {
        static Lane open() {
            return new Lane(ManagedExecutor.builder().maxAsync(1)
                    .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build(), new AtomicInteger());
        }

        /** Takes a place in the lane; false when {@code max} runs already hold one. */
        boolean enter(int max) {
            if (pending.incrementAndGet() > max) {
                pending.decrementAndGet();
                return false;
            }
            return true;
        }

        void leave() {
            pending.decrementAndGet();
        }
    }

    public RecordedRuns(EntityManager em, ObjectMapper json, Clock clock,
                        @ConfigProperty(name = "crm.runs.max-pending-per-lane") int maxPendingPerLane,
                        @ConfigProperty(name = "crm.runs.answer-within") Duration answerWithin) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.maxPendingPerLane = maxPendingPerLane;
        this.answerWithin = answerWithin;
        for (Kind kind : Kind.values()) {
            lanes.computeIfAbsent(kind.lane, lane -> Lane.open());
        }
    }

    @PreDestroy
    void stop() {
        lanes.values().forEach(lane -> lane.executor().shutdownNow());
    }

    /**
     * Runs {@code work} in the caller's thread, recorded; its result. A failure is recorded as FAILED
     * and rethrown to the caller.
     */
    public <T> T runNow(Kind kind, Trigger trigger, String requestedBy, Object parameters, Supplier<T> work) {
        UUID id = open(kind, trigger, requestedBy, write(parameters), Status.RUNNING);
        Outcome<T> outcome = executeRecorded(id, work);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    /** What a run was asked as; equal asks while the first is queued share its run. */
    private record Ask(Kind kind, Trigger trigger, String requestedBy, String parameters) {
    }

    /** A run queued in its lane: its id, and its outcome once it has ended (never completed exceptionally). */
    public record Started<T>(UUID id, CompletableFuture<Outcome<T>> ended) {
    }

    /** How a run ended: its result, or the failure it was recorded FAILED with. */
    public record Outcome<T>(T result, RuntimeException failure) {
    }

    /**
     * Queues {@code work} in its lane, recorded; the run. The same request again (kind, trigger, caller
     * and parameters) while its run is still queued here gets that run: it has read nothing yet, so
     * it answers both, and a client asking in a loop does not fill the lane. Otherwise refused with
     * 409 too-many-runs while {@code crm.runs.max-pending-per-lane} runs of its lane are queued or
     * running here: each reads every customer's history one after the other, so an unbounded queue
     * would hold the lane (and the database) for as long as anyone kept asking.
     */
    public <T> Started<T> start(Kind kind, Trigger trigger, String requestedBy, Object parameters, Supplier<T> work) {
        Ask ask = new Ask(kind, trigger, requestedBy, write(parameters));
        @SuppressWarnings("unchecked")
        Started<T> waiting = (Started<T>) queued.get(ask);
        if (waiting != null) {
            return waiting;
        }
        Lane lane = lanes.get(kind.lane);
        if (!lane.enter(maxPendingPerLane)) {
            throw ProblemException.conflict("too-many-runs", maxPendingPerLane + " background runs of this kind are already queued "
                    + "or running; follow them and ask again once one has ended");
        }
        Started<T> started;
        try {
            started = new Started<>(open(kind, trigger, requestedBy, ask.parameters(), Status.QUEUED), new CompletableFuture<>());
        } catch (RuntimeException e) {
            lane.leave();
            throw e;
        }
        UUID id = started.id();
        queued.put(ask, started);
        try {
            lane.executor().runAsync(() -> {
                queued.remove(ask, started);
                Outcome<T> outcome;
                try {
                    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                                    "update recorded_run set status = 'RUNNING', started_at = ?2, heartbeat_at = ?2 where id = ?1")
                            .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock)).executeUpdate());
                    outcome = executeRecorded(id, work);
                } catch (RuntimeException e) {
                    // the update above failed (the database is gone): the run never started
                    held.remove(id);
                    outcome = new Outcome<>(null, e);
                } finally {
                    lane.leave();
                }
                started.ended().complete(outcome);
            });
        } catch (RuntimeException e) {
            // Refused by an executor that is shutting down: the run will never start, so it must not stay QUEUED.
            queued.remove(ask, started);
            lane.leave();
            held.remove(id);
            finish(id, Status.FAILED, null, "the run could not be queued; the service is stopping");
            throw e;
        }
        return started;
    }

    /**
     * Waits for a started run's end, at most {@code wait} and never longer than
     * {@code crm.runs.answer-within} (a synchronous answer must come before the gateway's timeout):
     * its result, empty if it has not ended by then (it goes on; the caller answers 202 with the run to
     * follow). A run that failed throws its failure, as running it in the caller's thread did.
     */
    public <T> Optional<T> await(Started<T> run, Optional<Duration> wait) {
        Duration limit = wait.filter(w -> w.compareTo(answerWithin) < 0).orElse(answerWithin);
        Outcome<T> outcome;
        try {
            outcome = run.ended().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run's outcome is never exceptional", e);
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return Optional.ofNullable(outcome.result());
    }

    /** The run of one of those kinds, with INTERRUPTED for one whose instance stopped; empty for another kind's id. */
    public Optional<Row> find(Set<Kind> kinds, UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select id, kind, status, trigger, requested_by, created_at, started_at, heartbeat_at, finished_at,
                               cast(parameters as text) as parameters, cast(result as text) as result, error
                        from recorded_run where id = ?1 and kind in (?2)""", Tuple.class)
                .setParameter(1, id).setParameter(2, kinds.stream().map(Kind::name).toList()).getResultList();
        return rows.stream().findFirst().map(this::toRow);
    }

    /** Renews the heartbeat of every run this instance holds, so readers can tell a long run from a dead one. */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (held.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        QuarkusTransaction.requiringNew().run(() -> held.forEach(id -> em.createNativeQuery(
                        "update recorded_run set heartbeat_at = ?2 where id = ?1 and finished_at is null")
                .setParameter(1, id).setParameter(2, now).executeUpdate()));
    }

    /** A run's parameters or result as recorded, read back as {@code type}. */
    public <T> T read(String recorded, Class<T> type) {
        try {
            return json.readValue(recorded, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID open(Kind kind, Trigger trigger, String requestedBy, String parameters, Status status) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        held.add(id);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into recorded_run (id, kind, trigger, requested_by, parameters, status, created_at, started_at, heartbeat_at)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7, ?8, ?7)""")
                .setParameter(1, id).setParameter(2, kind.name()).setParameter(3, trigger.name()).setParameter(4, requestedBy)
                .setParameter(5, parameters).setParameter(6, status.name()).setParameter(7, now)
                .setParameter(8, status == Status.RUNNING ? now : null).executeUpdate());
        return id;
    }

    /** Runs it and records how it ended; nothing is thrown, so a background thread has nothing to discard. */
    private <T> Outcome<T> executeRecorded(UUID id, Supplier<T> work) {
        try {
            T result = work.get();
            finish(id, Status.SUCCEEDED, write(result), null);
            return new Outcome<>(result, null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s failed", id);
            finish(id, Status.FAILED, null, "the run failed (" + e.getClass().getSimpleName() + "); see the service log for run " + id);
            return new Outcome<>(null, e);
        } finally {
            held.remove(id);
        }
    }

    private void finish(UUID id, Status status, String result, String error) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update recorded_run set status = ?2, finished_at = ?3, heartbeat_at = ?3, result = cast(?4 as jsonb), error = ?5
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, status.name()).setParameter(3, OffsetDateTime.now(clock))
                .setParameter(4, result).setParameter(5, error).executeUpdate());
    }

    private Row toRow(Tuple row) {
        Status status = Status.valueOf(row.get("status", String.class));
        OffsetDateTime heartbeat = SqlTimes.utc(row.get("heartbeat_at"));
        if ((status == Status.QUEUED || status == Status.RUNNING) && heartbeat.isBefore(OffsetDateTime.now(clock).minus(SILENCE))) {
            status = Status.INTERRUPTED;
        }
        return new Row(row.get("id", UUID.class), Kind.valueOf(row.get("kind", String.class)), status, Trigger.valueOf(row.get("trigger", String.class)),
                row.get("requested_by", String.class), SqlTimes.utc(row.get("created_at")), SqlTimes.utc(row.get("started_at")),
                SqlTimes.utc(row.get("finished_at")), row.get("parameters", String.class), row.get("result", String.class),
                row.get("error", String.class));
    }
}
