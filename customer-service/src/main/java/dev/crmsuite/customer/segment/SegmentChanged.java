package dev.crmsuite.customer.segment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Payload of {@code crm.customer.segment-changed.v1}. */
public record SegmentChanged(UUID customerId, Segment segment, Segment previousSegment, String valueTier,
                             BigDecimal lifetimeValue, OffsetDateTime changedAt) {
    public static final String TYPE = "crm.customer.segment-changed.v1";
}
