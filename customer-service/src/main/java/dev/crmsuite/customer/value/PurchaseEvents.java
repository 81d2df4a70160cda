package dev.crmsuite.customer.value;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Payloads of the purchase events. */
public final class PurchaseEvents {

    private PurchaseEvents() {
    }

    /** {@code crm.purchase.recorded.v1}: carries what consumers (loyalty points, surveys) need without calling back. */
    public record PurchaseRecorded(UUID purchaseId, UUID customerId, String externalOrderId, BigDecimal amount, String currency,
                                   OffsetDateTime purchasedAt, boolean discounted, List<PurchaseModels.Item> items,
                                   String customerSegment, String customerValueTier, String customerStage) {
        public static final String TYPE = "crm.purchase.recorded.v1";
    }

    /** {@code crm.purchase.refunded.v1}. */
    public record PurchaseRefunded(UUID refundId, UUID purchaseId, UUID customerId, BigDecimal amount, BigDecimal purchaseAmount,
                                   String currency, OffsetDateTime refundedAt) {
        public static final String TYPE = "crm.purchase.refunded.v1";
    }
}
