package dev.crmsuite.customer.segment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Payload of {@code crm.customer.segment-changed.v1}. {@code priorityBoost} is the new segment's
 * complaint priority boost (crm.customer.segment.*-priority-boost): customer-service owns the segment
 * service policy and complaint-service applies the boost from this event, so there is one source.
 */
public record SegmentChanged(UUID customerId, Segment segment, Segment previousSegment, String valueTier,
                             BigDecimal lifetimeValue, OffsetDateTime changedAt, int priorityBoost) {
    public static final String TYPE = "crm.customer.segment-changed.v1";
}
