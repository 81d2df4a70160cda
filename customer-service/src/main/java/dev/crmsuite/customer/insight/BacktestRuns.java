package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.run.RecordedRuns;
import dev.crmsuite.customer.run.RecordedRuns.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Risk backtests in the background ({@code Prefer: respond-async}): the backtest replays every
 * customer's purchases, 15 s at a million customers on 2 cores, past the gateway's timeout. Recorded
 * like every long run ({@link RecordedRuns}); one at a time.
 */
@ApplicationScoped
public class RiskBacktestRuns {

    @Schema(name = "RiskBacktestRunStatus")
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

    @Schema(name = "RiskBacktestParameters", description = "What the backtest was asked")
    public record Parameters(@Schema(description = "The past date the rule is run as of") OffsetDateTime asOf,
                             @Schema(examples = "90") int horizonDays) {
    }

    @Schema(name = "RiskBacktestRun", description = "One risk backtest run in the background and how it went")
    public record Run(
            @Schema(examples = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d") UUID id,
            @Schema(description = "QUEUED (waiting for the backtest before it), RUNNING, SUCCEEDED, FAILED, or INTERRUPTED (the "
                    + "instance running it stopped; ask again)", examples = "RUNNING") Status status,
            @Schema(description = "Who asked for it", examples = "admin.li") String requestedBy,
            Parameters parameters,
            OffsetDateTime createdAt,
            @Schema(description = "null while QUEUED") OffsetDateTime startedAt,
            @Schema(description = "null until SUCCEEDED or FAILED") OffsetDateTime finishedAt,
            @Schema(description = "The measures once SUCCEEDED; null before") RiskBacktest.Result result,
            @Schema(description = "Why it FAILED (the details are in the service's log under the run's id); null otherwise",
                    examples = "the run failed (PersistenceException); see the service log for run 7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            String error) {
    }

    private final RiskBacktests backtests;
    private final RecordedRuns runs;

    public RiskBacktestRuns(RiskBacktests backtests, RecordedRuns runs) {
        this.backtests = backtests;
        this.runs = runs;
    }

    /** Queues a backtest; the run as it stands now (QUEUED or already RUNNING). */
    public Run runInBackground(OffsetDateTime asOf, int horizonDays, String requestedBy) {
        UUID id = runs.runInBackground(Kind.RISK_BACKTEST, "BACKGROUND_REQUEST", requestedBy, new Parameters(asOf, horizonDays),
                () -> backtests.runDetached(asOf, horizonDays));
        return find(id).orElseThrow();
    }

    public Optional<Run> find(UUID id) {
        return runs.find(Kind.RISK_BACKTEST, id).map(row -> new Run(row.id(), Status.valueOf(row.status().name()), row.requestedBy(),
                row.parameters() == null ? null : runs.read(row.parameters(), Parameters.class), row.createdAt(), row.startedAt(),
                row.finishedAt(), row.result() == null ? null : runs.read(row.result(), RiskBacktest.Result.class), row.error()));
    }
}
