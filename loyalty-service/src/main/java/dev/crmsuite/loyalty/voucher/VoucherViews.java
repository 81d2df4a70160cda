package dev.crmsuite.loyalty.voucher;

import jakarta.validation.constraints.Min;
import dev.crmsuite.loyalty.ledger.PointsLimits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API models of vouchers. */
public final class VoucherViews {

    private VoucherViews() {
    }

    @Schema(name = "NewVoucher", description = "A voucher to issue, to a customer or unassigned")
    public record NewVoucher(
            @Schema(description = "The customer it is for; anyone may redeem it when absent. A partner may name only a customer who "
                    + "shares their data with partners (any other: 422 unknown-customer). Exactly 8-4-4-4-12 hex digits.")
            UUID customerId,
            @NotNull @Schema(description = "VALUE (money off) or PERCENTAGE", examples = "VALUE", required = true) Voucher.Kind kind,
            @NotNull @Positive @DecimalMax(PointsLimits.MAX_AMOUNT) @Schema(description = "Money off (at most 1,000,000,000), or percent (at most 100)", examples = "10.00", required = true) BigDecimal value,
            @Schema(description = "Valid from; now when absent") OffsetDateTime validFrom,
            @NotNull @Schema(description = "Valid until (exclusive)", examples = "2027-01-31T23:59:59Z", required = true) OffsetDateTime validUntil) {
    }

    @Schema(name = "NewVoucherBatch", description = "A batch of unassigned codes, e.g. for a mailing or a partner")
    public record NewVoucherBatch(
            @NotNull @Min(1) @Schema(description = "At most crm.loyalty.vouchers.max-batch-size", examples = "500", required = true) Integer count,
            @NotNull @Schema(examples = "PERCENTAGE", required = true) Voucher.Kind kind,
            @NotNull @Positive @DecimalMax(PointsLimits.MAX_AMOUNT) @Schema(examples = "15", required = true) BigDecimal value,
            OffsetDateTime validFrom,
            @NotNull @Schema(required = true) OffsetDateTime validUntil) {
    }

    @Schema(name = "Voucher", description = "A voucher or gift coupon")
    public record VoucherView(UUID voucherId, @Schema(examples = "K7PX2M9QRT") String code, UUID customerId, UUID batchId,
                              Voucher.Kind kind, @Schema(examples = "10.00") BigDecimal value,
                              @Schema(description = "For VALUE vouchers: the installation currency (crm.currency, ISO 4217)", examples = "CNY") String currency,
                              OffsetDateTime validFrom, OffsetDateTime validUntil,
                              @Schema(description = "ISSUED, EXPIRED (issued, validUntil passed; computed when read), REDEEMED "
                                      + "or CANCELLED", examples = "ISSUED") Voucher.Status status,
                              OffsetDateTime redeemedAt,
                              @Schema(description = "The redeeming customer; absent for a partner when that customer does not share "
                                      + "their data with partners") UUID redeemedBy,
                              @Schema(description = "The order it was redeemed for; absent whenever redeemedBy is") String orderRef,
                              OffsetDateTime cancelledAt, String cancelReason, OffsetDateTime createdAt) {
        static VoucherView of(Voucher v, OffsetDateTime now) {
            return of(v, true, now);
        }

        /**
         * Without {@code showRedeemer} the redeeming customer and their order stay out (a customer hidden from the caller).
         * The status is the one at {@code now} (EXPIRED is never stored).
         */
        static VoucherView of(Voucher v, boolean showRedeemer, OffsetDateTime now) {
            return new VoucherView(v.id, v.code, v.customerId, v.batchId, v.kind, v.value, v.currency, v.validFrom, v.validUntil,
                    v.statusAt(now), v.redeemedAt, showRedeemer ? v.redeemedBy : null, showRedeemer ? v.orderRef : null,
                    v.cancelledAt, v.cancelReason, v.createdAt);
        }
    }

    @Schema(name = "VoucherBatch", description = "The codes of a batch")
    public record BatchView(UUID batchId, int count, List<VoucherView> vouchers) {
    }

    @Schema(name = "VoucherRedemption", description = "Who redeems a voucher, and for what order")
    public record RedeemRequest(
            @Schema(description = "The redeeming customer; required for a voucher issued to a customer. A partner may name only a "
                    + "customer who shares their data with partners (any other: 422 unknown-customer). Exactly 8-4-4-4-12 hex digits.")
            UUID customerId,
            @Size(max = 200) @Schema(examples = "order-88123") String orderRef) {
    }

    @Schema(name = "VoucherCancellation", description = "Why a voucher is withdrawn")
    public record CancelRequest(@Size(max = 500) @Schema(examples = "issued by mistake") String reason) {
    }
}
