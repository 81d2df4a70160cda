package dev.crmsuite.customer.value;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.platform.events.EventJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API records of purchases and refunds. */
public final class PurchaseModels {

    private PurchaseModels() {
    }

    @Schema(name = "NewPurchase", description = "A purchase to record; the external order id makes retries safe")
    public record NewPurchase(
            @NotBlank @Size(max = 100) @Schema(description = "The shop's order id; unique per customer", examples = "ORD-2026-0001", required = true)
            String externalOrderId,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2)
            @Schema(description = "Amount paid, in the major unit", examples = "5999.00", required = true)
            BigDecimal amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
            @Schema(description = "ISO 4217; must be the reporting currency (crm.customer.value.currency)", examples = "CNY", required = true)
            String currency,
            @Schema(description = "When the customer bought; now when absent", examples = "2026-11-20T10:15:00Z")
            OffsetDateTime purchasedAt,
            @Schema(description = "Bought on discount (feeds price sensitivity)", examples = "false")
            boolean discounted,
            @Size(max = 200) List<@Valid Item> items) {
    }

    @Schema(name = "PurchaseItem")
    public record Item(
            @NotBlank @Size(max = 100) @Schema(examples = "TV-55-OLED") String sku,
            @Size(max = 200) @Schema(examples = "55\" OLED television") String name,
            @Min(1) @Schema(examples = "1") int quantity,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) @Schema(examples = "5999.00") BigDecimal unitPrice) {
    }

    @Schema(name = "Purchase")
    public record PurchaseView(UUID id, UUID customerId, String externalOrderId, BigDecimal amount,
                               @Schema(description = "Refunded so far") BigDecimal refundedAmount,
                               String currency, OffsetDateTime purchasedAt, boolean discounted, List<Item> items,
                               OffsetDateTime recordedAt) {
        public static PurchaseView of(Purchase p) {
            return new PurchaseView(p.id, p.customerId, p.externalOrderId, p.amount, p.refundedAmount, p.currency,
                    p.purchasedAt, p.discounted, PurchaseModels.items(p), p.recordedAt);
        }
    }

    @Schema(name = "NewRefund", description = "A full refund (no amount) or a partial one")
    public record NewRefund(
            @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2)
            @Schema(description = "Amount to refund; absent = everything not yet refunded", examples = "1000.00")
            BigDecimal amount,
            @Size(max = 500) @Schema(examples = "damaged on delivery") String reason) {
    }

    @Schema(name = "Refund")
    public record RefundView(UUID id, UUID purchaseId, UUID customerId, BigDecimal amount, String reason,
                             OffsetDateTime refundedAt, @Schema(description = "Refunded in total now") BigDecimal purchaseRefundedAmount,
                             BigDecimal purchaseAmount) {
    }

    @Schema(name = "PurchaseRefund", description = "One refund of a purchase, as listed under the purchase")
    public record RefundEntry(UUID id, UUID purchaseId, UUID customerId,
                              @Schema(examples = "1000.00") BigDecimal amount,
                              @Schema(examples = "damaged on delivery") String reason,
                              OffsetDateTime refundedAt) {
        static RefundEntry of(Refund r) {
            return new RefundEntry(r.id, r.purchaseId, r.customerId, r.amount, r.reason, r.refundedAt);
        }
    }

    public static List<Item> items(Purchase p) {
        try {
            return EventJson.MAPPER.readValue(p.items, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
