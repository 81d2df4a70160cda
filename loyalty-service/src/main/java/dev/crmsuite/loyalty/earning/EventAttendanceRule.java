package dev.crmsuite.loyalty.earning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The EVENT_ATTENDANCE earning rule: a flat number of points for each campaign event a customer
 * attended (customer-service's {@code crm.campaign.attendance-recorded.v1}). Flat, not priced by tier
 * or campaign multipliers: the event is the reward, the points only say thank you for coming.
 */
@Schema(name = "EventAttendanceRule", description = "EVENT_ATTENDANCE: points for each attended campaign event "
        + "(an event invitation whose attendance staff recorded). Absent from a version: attending earns nothing.")
public record EventAttendanceRule(
        @NotNull @Positive @Max(MAX_POINTS_PER_EVENT)
        @Schema(description = "Points credited per attended event, 1 to 100,000", examples = "50", required = true,
                minimum = "1", maximum = "100000")
        Long pointsPerEvent) {

    /**
     * The most one attendance may earn: a generous thank-you, while a typo in the rule cannot mint,
     * per guest, the points of thousands of purchases.
     */
    public static final long MAX_POINTS_PER_EVENT = 100_000;
}
