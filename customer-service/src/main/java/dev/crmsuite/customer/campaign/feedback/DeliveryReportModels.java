package dev.crmsuite.customer.campaign.feedback;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** API records and event payload of delivery reports. */
public final class DeliveryReportModels {

    private DeliveryReportModels() {
    }

    public static final int BOUNCE_REASON_MAX = 500;

    @Schema(name = "NewDeliveryReport", description = "What the partner's mailer, printer or gateway saw happen to one message")
    public record NewDeliveryReport(
            @NotNull @Schema(examples = "DELIVERED", required = true) DeliveryReportRules.Report report,
            @Schema(description = "When it happened (at most 5 minutes ahead of the service's clock, not before the delivery was "
                    + "requested); now when absent", examples = "2026-12-01T09:31:12Z") OffsetDateTime occurredAt,
            @Size(max = BOUNCE_REASON_MAX) @Schema(description = "BOUNCED only: why (the mail server's answer, 'address unknown')",
                    examples = "550 5.1.1 mailbox unavailable") String bounceReason) {
    }

    @Schema(name = "DeliveryReport", description = "A report as recorded (the first one, when the same report was sent again)")
    public record DeliveryReportView(
            @Schema(examples = "7c1e9a40-2b7d-4c59-9a43-0f6d2c1b5e11") UUID deliveryId,
            @Schema(examples = "3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34") UUID campaignId,
            @Schema(examples = "DELIVERED") DeliveryReportRules.Report report,
            @Schema(examples = "2026-12-01T09:31:12Z") OffsetDateTime occurredAt,
            @Schema(examples = "550 5.1.1 mailbox unavailable") String bounceReason,
            @Schema(description = "When the service recorded the report", examples = "2026-12-01T09:31:13Z") OffsetDateTime recordedAt,
            @Schema(description = "The delivery's status after the report", examples = "DELIVERED") String deliveryStatus) {
    }

    /** {@code crm.campaign.delivery-reported.v1} (subject: the customer). */
    public record DeliveryReported(UUID deliveryId, UUID campaignId, UUID customerId, DeliveryReportRules.Report report,
                                   OffsetDateTime occurredAt) {
        public static final String TYPE = "crm.campaign.delivery-reported.v1";
    }
}
