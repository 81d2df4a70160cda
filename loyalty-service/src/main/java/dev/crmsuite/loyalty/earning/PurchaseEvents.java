package dev.crmsuite.loyalty.earning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The parts of customer-service's purchase events that loyalty reads. */
public final class PurchaseEvents {

    public static final String RECORDED = "crm.purchase.recorded.v1";
    public static final String REFUNDED = "crm.purchase.refunded.v1";

    private PurchaseEvents() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recorded(UUID purchaseId, UUID customerId, BigDecimal amount, String currency, OffsetDateTime purchasedAt,
                           String customerSegment) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Refunded(UUID refundId, UUID purchaseId, UUID customerId, BigDecimal amount, BigDecimal purchaseAmount,
                           String currency, OffsetDateTime refundedAt) {
    }
}
