package dev.crmsuite.customer.followup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API records and event payloads of follow-ups. */
public final class FollowUpModels {

    private FollowUpModels() {
    }

    /** What generated a follow-up. */
    public enum Rule {
        MANUAL, HIGH_VALUE_PURCHASE, SMALL_PURCHASE_SAMPLE, UNHAPPY_SURVEY,
        /** A tier-A or key-account customer became HIGH risk (insight package, once per episode). */
        AT_RISK
    }

    @Schema(name = "NewFollowUp", description = "A follow-up task staff schedule by hand")
    public record NewFollowUp(
            @Size(max = 100) @Schema(description = "Who does it; the account manager (or the default owner) when absent", examples = "zhang.min")
            String owner,
            @NotNull @Schema(description = "When it is due", examples = "2026-11-29T09:00:00Z", required = true) OffsetDateTime dueAt,
            @NotBlank @Size(max = 500) @Schema(examples = "invite to the spring customer event", required = true) String reason,
            @Schema(examples = "false") boolean urgent) {
    }

    @Schema(name = "FollowUpCompletion")
    public record Completion(
            @NotBlank @Size(max = 2000) @Schema(description = "What came of it", examples = "called; happy with the TV, asked about the sound bar", required = true)
            String outcome) {
    }

    @Schema(name = "FollowUp")
    public record FollowUpView(UUID id, UUID customerId, String owner, OffsetDateTime dueAt, String reason,
                               @Schema(examples = "HIGH_VALUE_PURCHASE") Rule rule, boolean urgent,
                               @Schema(examples = "OPEN") String status, String outcome, OffsetDateTime completedAt,
                               String completedBy, OffsetDateTime createdAt,
                               @Schema(description = "Open and past its due time") boolean overdue) {
        static FollowUpView of(FollowUp f, OffsetDateTime now) {
            return new FollowUpView(f.id, f.customerId, f.owner, f.dueAt, f.reason, Rule.valueOf(f.rule), f.urgent, f.status,
                    f.outcome, f.completedAt, f.completedBy, f.createdAt, "OPEN".equals(f.status) && f.dueAt.isBefore(now));
        }
    }

    @Schema(name = "WorkQueue", description = "An owner's open follow-ups: overdue first, then due today (in crm.customer.follow-up.zone)")
    public record WorkQueue(String owner, List<FollowUpView> overdue, List<FollowUpView> dueToday) {
    }

    @Schema(name = "DailySample")
    public record SampleResult(
            @Schema(description = "The day whose small purchases were sampled", examples = "2026-11-21") String purchaseDay,
            @Schema(description = "Small-purchase buyers that day", examples = "37") int candidates,
            @Schema(description = "Follow-ups created", examples = "5") int scheduled) {
    }

    /** {@code crm.follow-up.scheduled.v1}: no reason, which is free text about the customer (see {@link Personal}). */
    public record Scheduled(UUID followUpId, UUID customerId, String owner, OffsetDateTime dueAt, boolean urgent, Rule rule) {
        public static final String TYPE = "crm.follow-up.scheduled.v1";
    }

    /** {@code crm.follow-up.completed.v1}: no outcome, for the same reason. */
    public record Completed(UUID followUpId, UUID customerId, String owner, OffsetDateTime completedAt, boolean onTime) {
        public static final String TYPE = "crm.follow-up.completed.v1";
    }

    /**
     * The follow-up's personal record on crm.customers.personal (thing {@value #THING}, object id = the
     * follow-up id): its reason and, once completed, its outcome (null before), for the customer-360.
     * Recorded when scheduled and again when completed.
     */
    public record Personal(UUID followUpId, UUID customerId, String reason, String outcome) {
        public static final String THING = "follow-up";

        public static Personal of(FollowUp f) {
            return new Personal(f.id, f.customerId, f.reason, f.outcome);
        }
    }
}
