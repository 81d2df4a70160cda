package dev.crmsuite.customer.campaign.feedback;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API records and event payload of event attendance. */
public final class AttendanceModels {

    private AttendanceModels() {
    }

    public static final int MAX_CUSTOMERS = 500;

    @Schema(name = "NewAttendance", description = "Who came to the event (a guest list ticked off at the door)")
    public record NewAttendance(
            @NotNull @Size(min = 1, max = MAX_CUSTOMERS) @Schema(required = true, description = "1 to 500 customers, each once",
                    examples = "[\"0f8c2d3e-1b4a-4c5d-8e6f-7a8b9c0d1e2f\"]") List<@NotNull UUID> customerIds) {
    }

    @Schema(name = "AttendanceRecord", description = "One guest's attendance")
    public record Attended(@Schema(examples = "0f8c2d3e-1b4a-4c5d-8e6f-7a8b9c0d1e2f") UUID customerId,
                           @Schema(examples = "7c1e9a40-2b7d-4c59-9a43-0f6d2c1b5e11") UUID deliveryId,
                           @Schema(description = "When they attended: the event's start", examples = "2026-12-12T10:00:00Z") OffsetDateTime attendedAt,
                           @Schema(description = "false when it was already recorded (nothing changed)", examples = "true") boolean recordedNow) {
    }

    @Schema(name = "AttendanceResult", description = "The attendance of the customers named, in the order named")
    public record AttendanceResult(@Schema(examples = "3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34") UUID campaignId,
                                   @Schema(description = "How many were recorded now", examples = "1") int recorded,
                                   @Schema(description = "How many were recorded before", examples = "0") int alreadyRecorded,
                                   List<Attended> attendances) {
    }

    /** {@code crm.campaign.attendance-recorded.v1} (subject: the customer); loyalty-service's earning rules read it. */
    public record AttendanceRecorded(UUID deliveryId, UUID campaignId, UUID customerId, String eventTitle, OffsetDateTime attendedAt) {
        public static final String TYPE = "crm.campaign.attendance-recorded.v1";
    }
}
