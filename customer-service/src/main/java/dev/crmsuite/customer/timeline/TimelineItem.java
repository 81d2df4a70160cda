package dev.crmsuite.customer.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "TimelineItem", description = "One thing that happened in the relationship")
public record TimelineItem(
        UUID id,
        OffsetDateTime occurredAt,
        @Schema(description = "TOUCHPOINT, PURCHASE, REFUND, STAGE_CHANGED, FOLLOW_UP_COMPLETED, REFERRAL, COMPLAINT_FILED, COMPLAINT_RESOLVED, SURVEY_ANSWERED, LOYALTY_JOINED, LOYALTY_TIER_CHANGED, MERGED",
                examples = "PURCHASE") String kind,
        @Schema(description = "Id of the purchase, touchpoint, complaint ... it refers to") String refId,
        @Schema(examples = "Purchase ORD-1 5999.00 CNY") String summary,
        @Schema(type = SchemaType.OBJECT) JsonNode data) {
}
