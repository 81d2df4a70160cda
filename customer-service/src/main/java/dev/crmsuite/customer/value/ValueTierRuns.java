package dev.crmsuite.customer.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.time.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every recomputation of value tiers is a run with a record (value_tier_run): the nightly schedule, a
 * request answered when the run is done, and a request with {@code Prefer: respond-async}, answered
 * at once with the run to follow. At a million customers a run takes minutes to an hour, longer than
 * any HTTP timeout, so only a run in the background with a record to read tells a caller how it ended.
 *
 * <p>Background runs go one at a time on their own executor, with no context of the request that
 * asked for them (it ends with the 202). While this instance holds a run, queued or running, it
 * renews the run's heartbeat; a run whose heartbeat stopped (the instance died) reads as INTERRUPTED,
 * and the next run picks up the customers it left queued (ValueTiers).
 */
@ApplicationScoped
public class ValueTierRuns {

    private static final Logger LOG = Logger.getLogger(ValueTierRuns.class);
    /** A queued or running run whose heartbeat is older than this was interrupted (the heartbeat is every 30 s). */
    static final Duration SILENCE = Duration.ofMinutes(2);

    // Named apart: the suite's merged document already has a Status and a Trigger (other services' schemas).
    @Schema(name = "ValueTierRunStatus")
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

    @Schema(name = "ValueTierRunTrigger")
    public enum Trigger { SCHEDULE, REQUEST, BACKGROUND_REQUEST }

    @Schema(name = "ValueTierRun", description = "One recomputation of value tiers and how it went")
    public record Run(
            @Schema(examples = "4c6f1f0e-8a4b-4d8e-9a51-2f3b7c1d0e99") UUID id,
            @Schema(description = "QUEUED (waiting for the run before it), RUNNING, SUCCEEDED, FAILED, or INTERRUPTED (the "
                    + "instance running it stopped; the next run finishes what it left)", examples = "RUNNING") Status status,
            @Schema(description = "SCHEDULE (crm.customer.value.recompute-cron), REQUEST or BACKGROUND_REQUEST (Prefer: respond-async)",
                    examples = "BACKGROUND_REQUEST") Trigger trigger,
            @Schema(description = "Who asked for it; null for the schedule", examples = "zhang.min") String requestedBy,
            OffsetDateTime createdAt,
            @Schema(description = "null while QUEUED") OffsetDateTime startedAt,
            @Schema(description = "null until SUCCEEDED or FAILED") OffsetDateTime finishedAt,
            @Schema(description = "The counts per tier once SUCCEEDED; null before") ValueTiers.Result result,
            @Schema(description = "Why it FAILED (the details are in the service's log under the run's id); null otherwise",
                    examples = "the run failed (PersistenceException); see the service log for run 4c6f1f0e-8a4b-4d8e-9a51-2f3b7c1d0e99")
            String error) {
    }

    private final ValueTiers tiers;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final ManagedExecutor background = ManagedExecutor.builder().maxAsync(1)
            .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();

    public ValueTierRuns(ValueTiers tiers, EntityManager em, ObjectMapper json, Clock clock) {
        this.tiers = tiers;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    @Scheduled(cron = "{crm.customer.value.recompute-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ValueTiers.Result r = runNow(Trigger.SCHEDULE, null);
        LOG.infof("value tiers recomputed: %d customers, %d A, %d B, %d C, %d changed", r.customers(), r.tierA(), r.tierB(),
                r.tierC(), r.tierChanges());
    }

    /** Runs a recomputation in the caller's thread, recorded; its counts. */
    public ValueTiers.Result runNow(Trigger trigger, String requestedBy) {
        UUID id = open(trigger, requestedBy, Status.RUNNING);
        return execute(id);
    }

    /** Queues a recomputation in the background, recorded; the run as it stands now (QUEUED or already RUNNING). */
    public Run runInBackground(String requestedBy) {
        UUID id = open(Trigger.BACKGROUND_REQUEST, requestedBy, Status.QUEUED);
        background.runAsync(() -> {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update value_tier_run set status = 'RUNNING', started_at = ?2, heartbeat_at = ?2 where id = ?1")
                    .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock)).executeUpdate());
            executeRecorded(id);
        });
        return find(id).orElseThrow();
    }

    public Optional<Run> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select id, status, trigger, requested_by, created_at, started_at, heartbeat_at, finished_at,
                               cast(result as text) as result, error
                        from value_tier_run where id = ?1""", Tuple.class).setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(this::toRun);
    }

    /** Renews the heartbeat of every run this instance holds, so readers can tell a long run from a dead one. */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (held.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        QuarkusTransaction.requiringNew().run(() -> held.forEach(id -> em.createNativeQuery(
                        "update value_tier_run set heartbeat_at = ?2 where id = ?1 and finished_at is null")
                .setParameter(1, id).setParameter(2, now).executeUpdate()));
    }

    private UUID open(Trigger trigger, String requestedBy, Status status) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        held.add(id);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into value_tier_run (id, trigger, requested_by, status, created_at, started_at, heartbeat_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?5)""")
                .setParameter(1, id).setParameter(2, trigger.name()).setParameter(3, requestedBy).setParameter(4, status.name())
                .setParameter(5, now).setParameter(6, status == Status.RUNNING ? now : null).executeUpdate());
        return id;
    }

    /** Runs it for a caller who waits: a failure is recorded and rethrown to them. */
    private ValueTiers.Result execute(UUID id) {
        Outcome outcome = executeRecorded(id);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    private record Outcome(ValueTiers.Result result, RuntimeException failure) {
    }

    /** Runs it and records how it ended; nothing is thrown, so a background thread has nothing to discard. */
    private Outcome executeRecorded(UUID id) {
        try {
            ValueTiers.Result result = tiers.recomputeDetached();
            finish(id, Status.SUCCEEDED, write(result), null);
            return new Outcome(result, null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "value tier run %s failed", id);
            finish(id, Status.FAILED, null, "the run failed (" + e.getClass().getSimpleName() + "); see the service log for run " + id);
            return new Outcome(null, e);
        } finally {
            held.remove(id);
        }
    }

    private void finish(UUID id, Status status, String result, String error) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update value_tier_run set status = ?2, finished_at = ?3, heartbeat_at = ?3, result = cast(?4 as jsonb), error = ?5
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, status.name()).setParameter(3, OffsetDateTime.now(clock))
                .setParameter(4, result).setParameter(5, error).executeUpdate());
    }

    private Run toRun(Tuple row) {
        Status status = Status.valueOf(row.get("status", String.class));
        OffsetDateTime heartbeat = SqlTimes.utc(row.get("heartbeat_at"));
        if ((status == Status.QUEUED || status == Status.RUNNING) && heartbeat.isBefore(OffsetDateTime.now(clock).minus(SILENCE))) {
            status = Status.INTERRUPTED;
        }
        String result = row.get("result", String.class);
        return new Run(row.get("id", UUID.class), status, Trigger.valueOf(row.get("trigger", String.class)),
                row.get("requested_by", String.class), SqlTimes.utc(row.get("created_at")),
                SqlTimes.utc(row.get("started_at")), SqlTimes.utc(row.get("finished_at")),
                result == null ? null : read(result), row.get("error", String.class));
    }

    private String write(ValueTiers.Result result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ValueTiers.Result read(String result) {
        try {
            return json.readValue(result, ValueTiers.Result.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
