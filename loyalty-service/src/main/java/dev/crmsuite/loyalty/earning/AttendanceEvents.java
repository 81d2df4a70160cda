package dev.crmsuite.loyalty.earning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The part of customer-service's campaign events that loyalty reads. */
public final class AttendanceEvents {

    public static final String RECORDED = "crm.campaign.attendance-recorded.v1";

    private AttendanceEvents() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recorded(UUID deliveryId, UUID campaignId, UUID customerId, String eventTitle, OffsetDateTime attendedAt) {
    }
}
