package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What the campaign API reads and answers. */
public final class CampaignModels {

    /**
     * Largest holdout seed: 2^53 - 1, the largest integer a JSON number keeps exactly in JavaScript
     * and other double-based clients; a larger seed would come back changed and no longer reproduce
     * the holdout.
     */
    public static final long MAX_SEED = (1L << 53) - 1;

    private CampaignModels() {
    }

    @Schema(name = "CampaignEvent", description = "The event an EVENT_INVITATION invites to")
    public record EventDetails(
            @NotBlank @Size(max = 200) @Schema(examples = "Spring collection evening", required = true) String title,
            @NotNull @Schema(examples = "2031-04-10T18:00:00+08:00", required = true) OffsetDateTime startsAt,
            @Schema(examples = "2031-04-10T21:00:00+08:00") OffsetDateTime endsAt,
            @Size(max = 300) @Schema(examples = "Flagship store, 88 Nanjing Road, Shanghai") String location) {
    }

    @Schema(name = "CampaignInput", description = "A campaign as created, and what a JSON Merge Patch of a DRAFT changes")
    public record CampaignInput(
            @NotBlank @Size(max = 200) @Schema(examples = "April newsletter", required = true) String name,
            @NotNull @Schema(required = true) CampaignKind kind,
            @NotNull @Schema(description = "The audience evaluated when each run is sent", required = true) UUID audienceId,
            @NotBlank @Size(max = 300) @Schema(examples = "What is new in April", required = true) String subject,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]*", message = "letters, digits, . _ / - only")
            @Schema(description = "The template the delivering system renders; the suite stores no content", examples = "newsletter/2031-04",
                    required = true) String templateKey,
            @Schema(description = "Template variables, a JSON object (at most 8 KiB)", examples = "{\"season\":\"spring\"}") JsonNode variables,
            @Valid @Schema(description = "Required for EVENT_INVITATION, not allowed otherwise") EventDetails event,
            @Schema(description = "When to send; the schedule call may give it instead (default: at once)", examples = "2031-04-01T10:00:00+08:00")
            OffsetDateTime sendAt,
            @Size(max = 20) @Schema(description = "ISO-8601 period of a recurring NEWSLETTER, at least P1D", examples = "P1M") String recurrence,
            @Schema(description = "No run of a recurring campaign is scheduled after this", examples = "2031-12-31T23:59:59+08:00")
            OffsetDateTime recurUntil,
            @DecimalMin("0") @DecimalMax("0.5") @Schema(description = "Share of the eligible audience held out to measure lift, 0 to 0.5 "
                    + "(default 0.1)", examples = "0.1") BigDecimal holdoutShare,
            @Min(0) @Max(MAX_SEED) @Schema(description = "Seed of the holdout draw, 0 to 2^53 - 1 (exact in every JSON client); random "
                    + "when absent. The same seed reproduces who was held out", examples = "8731462219") Long holdoutSeed,
            @Min(1) @Max(365) @Schema(description = "Days after sending in which purchases count for the lift, 1 to 365 (default 14)",
                    examples = "14") Integer measurementDays,
            @Size(max = 100) @Schema(description = "API key id of the partner whose mailer, printer or SMS gateway delivers and reports "
                    + "back; absent: a system consuming crm.customers delivers", examples = "partner-mailer") String deliveryPartner) {
    }

    @Schema(name = "MarketingCampaign", description = "A campaign (newsletter, letter, event invitation, offer) with its status; its ETag is the version. Not the loyalty points multipliers, which loyalty-service calls Campaign")
    public record CampaignView(
            UUID id, String name, CampaignKind kind, CampaignStatus status, UUID audienceId, String subject, String templateKey,
            @Schema(description = "Template variables, a JSON object") JsonNode variables, EventDetails event,
            OffsetDateTime sendAt, String recurrence, OffsetDateTime recurUntil,
            @Schema(examples = "0.1") BigDecimal holdoutShare, @Schema(examples = "8731462219", maximum = "9007199254740991") long holdoutSeed,
            @Schema(examples = "14") int measurementDays, String deliveryPartner, @Schema(examples = "3") long version,
            @Schema(examples = "zhang.min") String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            OffsetDateTime cancelledAt, String cancelReason) {
    }

    @Schema(name = "CampaignSchedule", description = "When to send a DRAFT campaign")
    public record ScheduleRequest(
            @Schema(description = "When the (first) run is sent; absent: the campaign's sendAt, or at once", examples = "2031-04-01T10:00:00+08:00")
            OffsetDateTime sendAt) {
    }

    @Schema(name = "CampaignCancellation", description = "Why a campaign is cancelled")
    public record CancellationRequest(@Size(max = 500) @Schema(examples = "Event postponed") String reason) {
    }

    @Schema(name = "CampaignDelivery", description = "What a run did with one audience member")
    public record DeliveryView(
            UUID id, UUID campaignId, UUID runId, @Schema(examples = "1") int runNumber, UUID customerId,
            @Schema(description = "The customer's segment when the run was sent", examples = "RELATIONAL") String segment,
            @Schema(description = "The customer's value tier when the run was sent", examples = "A") String valueTier,
            DeliveryStatus status, ExclusionReason exclusionReason,
            @Schema(description = "DEFERRED: when quiet hours end and it is requested") OffsetDateTime dueAt,
            OffsetDateTime requestedAt, OffsetDateTime deliveredAt, OffsetDateTime bouncedAt, String bounceReason,
            OffsetDateTime openedAt, OffsetDateTime clickedAt, @Schema(examples = "ACCEPTED") String rsvp, OffsetDateTime rsvpAt,
            OffsetDateTime attendedAt) {
    }
}
