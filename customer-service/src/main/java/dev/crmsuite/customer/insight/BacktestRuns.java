package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.run.RecordedRuns;
import dev.crmsuite.customer.run.RecordedRuns.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Backtests as recorded runs ({@link RecordedRuns}), one at a time: the risk backtest replays every
 * customer's purchases (15 s at a million customers on 2 cores), the suggestions backtest reads them
 * all twice (97 s), both past the gateway's timeout. With {@code Prefer: respond-async} the caller
 * follows the run at once; otherwise it waits for the measures until the service's limit and then
 * follows the run.
 */
@ApplicationScoped
public class BacktestRuns {

    @Schema(name = "BacktestKind", description = "Which backtest: RISK (GET /api/v1/analytics/backtests/risk) or SUGGESTIONS "
            + "(GET /api/v1/analytics/backtests/suggestions)")
    public enum Backtest {
        RISK(Kind.RISK_BACKTEST, RiskBacktest.Result.class),
        SUGGESTIONS(Kind.SUGGESTION_BACKTEST, SuggestionBacktest.Result.class);

        final Kind kind;
        final Class<?> result;

        Backtest(Kind kind, Class<?> result) {
            this.kind = kind;
            this.result = result;
        }
    }

    @Schema(name = "BacktestRunStatus")
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

    @Schema(name = "RiskBacktestParameters", description = "What a risk backtest was asked")
    public record Parameters(@Schema(description = "The past date the rule is run as of") OffsetDateTime asOf,
                             @Schema(examples = "90") int horizonDays) {
    }

    @Schema(name = "BacktestRun", description = "One backtest run in the background and how it went")
    public record Run(
            @Schema(examples = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d") UUID id,
            @Schema(examples = "RISK") Backtest backtest,
            @Schema(description = "QUEUED (waiting for the backtest before it), RUNNING, SUCCEEDED, FAILED, or INTERRUPTED (the "
                    + "instance running it stopped; ask again)", examples = "RUNNING") Status status,
            @Schema(description = "Who asked for it", examples = "admin.li") String requestedBy,
            @Schema(description = "What a RISK backtest was asked; null for SUGGESTIONS, which takes no parameters")
            Parameters parameters,
            OffsetDateTime createdAt,
            @Schema(description = "null while QUEUED") OffsetDateTime startedAt,
            @Schema(description = "null until SUCCEEDED or FAILED") OffsetDateTime finishedAt,
            @Schema(description = "The measures once SUCCEEDED, of the kind backtest names (RiskBacktest for RISK, "
                    + "SuggestionBacktest for SUGGESTIONS); null before",
                    anyOf = {RiskBacktest.Result.class, SuggestionBacktest.Result.class}) Object result,
            @Schema(description = "Why it FAILED (the details are in the service's log under the run's id); null otherwise",
                    examples = "the run failed (PersistenceException); see the service log for run 7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            String error) {
    }

    private static final Map<Kind, Backtest> BY_KIND = java.util.Arrays.stream(Backtest.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(backtest -> backtest.kind, backtest -> backtest));

    private final RiskBacktests risk;
    private final SuggestionBacktests suggestions;
    private final RecordedRuns runs;

    public BacktestRuns(RiskBacktests risk, SuggestionBacktests suggestions, RecordedRuns runs) {
        this.risk = risk;
        this.suggestions = suggestions;
        this.runs = runs;
    }

    /** Queues a risk backtest; {@code trigger} REQUEST (an answer awaited) or BACKGROUND_REQUEST (Prefer: respond-async). */
    public RecordedRuns.Started<RiskBacktest.Result> risk(OffsetDateTime asOf, int horizonDays, RecordedRuns.Trigger trigger, String requestedBy) {
        return runs.start(Kind.RISK_BACKTEST, trigger, requestedBy, new Parameters(asOf, horizonDays),
                () -> risk.runDetached(asOf, horizonDays));
    }

    /** Queues a suggestions backtest; {@code trigger} as for {@link #risk}. */
    public RecordedRuns.Started<SuggestionBacktest.Result> suggestions(RecordedRuns.Trigger trigger, String requestedBy) {
        return runs.start(Kind.SUGGESTION_BACKTEST, trigger, requestedBy, null, suggestions::runDetached);
    }

    /** {@link RecordedRuns#await}: the measures if the run ends within {@code wait} (and the service's limit). */
    public <T> Optional<T> await(RecordedRuns.Started<T> run, Optional<java.time.Duration> wait) {
        return runs.await(run, wait);
    }

    /** A backtest run of either kind; empty for an unknown id or another kind of run's. */
    public Optional<Run> find(UUID id) {
        return runs.find(BY_KIND.keySet(), id).map(row -> {
            Backtest backtest = BY_KIND.get(row.kind());
            return new Run(row.id(), backtest, Status.valueOf(row.status().name()), row.requestedBy(),
                    row.parameters() == null ? null : runs.read(row.parameters(), Parameters.class), row.createdAt(), row.startedAt(),
                    row.finishedAt(), row.result() == null ? null : runs.read(row.result(), backtest.result), row.error());
        });
    }
}
