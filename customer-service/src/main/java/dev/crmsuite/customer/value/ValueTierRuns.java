package dev.crmsuite.customer.value;

import dev.crmsuite.customer.run.RecordedRuns;
import dev.crmsuite.customer.run.RecordedRuns.Trigger;
import dev.crmsuite.customer.run.RecordedRuns.Kind;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Every recomputation of value tiers is a recorded run ({@link RecordedRuns}): the nightly schedule, a
 * request answered with the counts if the run ends within the service's wait (else with the run to
 * follow), and a request with {@code Prefer: respond-async}, answered at once with the run to follow. At a million customers a run takes minutes to an hour, longer than
 * any HTTP timeout. A run whose instance stopped reads INTERRUPTED, and the next run picks up the
 * customers it left queued (ValueTiers).
 */
@ApplicationScoped
public class ValueTierRuns {

    private static final Logger LOG = Logger.getLogger(ValueTierRuns.class);

    // Named apart: the suite's merged document already has a Status (another service's schema).
    @Schema(name = "ValueTierRunStatus")
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

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
    private final RecordedRuns runs;

    public ValueTierRuns(ValueTiers tiers, RecordedRuns runs) {
        this.tiers = tiers;
        this.runs = runs;
    }

    @Scheduled(cron = "{crm.customer.value.recompute-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ValueTiers.Result r = runNow(Trigger.SCHEDULE, null);
        LOG.infof("value tiers recomputed: %d customers, %d A, %d B, %d C, %d changed", r.customers(), r.tierA(), r.tierB(),
                r.tierC(), r.tierChanges());
    }

    /** Runs a recomputation in the caller's thread (the schedule's), recorded; its counts. */
    public ValueTiers.Result runNow(Trigger trigger, String requestedBy) {
        return runs.runNow(Kind.VALUE_TIERS, trigger, requestedBy, null, tiers::recomputeDetached);
    }

    /** Queues a recomputation, recorded: REQUEST (its counts awaited) or BACKGROUND_REQUEST (Prefer: respond-async). */
    public RecordedRuns.Started<ValueTiers.Result> start(Trigger trigger, String requestedBy) {
        return runs.start(Kind.VALUE_TIERS, trigger, requestedBy, null, tiers::recomputeDetached);
    }

    /** {@link RecordedRuns#await}: the counts if the run ends within {@code wait} (and the service's limit). */
    public Optional<ValueTiers.Result> await(RecordedRuns.Started<ValueTiers.Result> run, Optional<java.time.Duration> wait) {
        return runs.await(run, wait);
    }

    public Optional<Run> find(UUID id) {
        return runs.find(java.util.Set.of(Kind.VALUE_TIERS), id).map(row -> new Run(row.id(), Status.valueOf(row.status().name()),
                row.trigger(), row.requestedBy(), row.createdAt(), row.startedAt(), row.finishedAt(),
                row.result() == null ? null : runs.read(row.result(), ValueTiers.Result.class), row.error()));
    }
}
