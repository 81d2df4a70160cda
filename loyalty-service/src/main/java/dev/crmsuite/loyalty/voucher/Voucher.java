package dev.crmsuite.loyalty.voucher;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A voucher or gift coupon: one code, redeemable once within its validity dates. */
@Entity
@Table(name = "voucher")
public class Voucher extends PanacheEntityBase {

    public enum Kind { VALUE, PERCENTAGE }

    /**
     * ISSUED, REDEEMED and CANCELLED are stored. EXPIRED never is: time alone expires a voucher, so it is
     * computed on every read ({@link #statusAt}) and a stored ISSUED voucher past its validUntil shows EXPIRED.
     */
    public enum Status { ISSUED, EXPIRED, REDEEMED, CANCELLED }

    @Id
    public UUID id;

    @Version
    public long version;

    public String code;

    /** The customer it was issued to; null for codes of a batch handed out anonymously. */
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "batch_id")
    public UUID batchId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** Money for VALUE, percent for PERCENTAGE. */
    public BigDecimal value;

    public String currency;

    @Column(name = "valid_from")
    public OffsetDateTime validFrom;

    @Column(name = "valid_until")
    public OffsetDateTime validUntil;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "redeemed_at")
    public OffsetDateTime redeemedAt;

    @Column(name = "redeemed_by")
    public UUID redeemedBy;

    @Column(name = "order_ref")
    public String orderRef;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The status a reader sees at {@code now}: an issued voucher whose validity ended is EXPIRED. */
    public Status statusAt(OffsetDateTime now) {
        return status == Status.ISSUED && !now.isBefore(validUntil) ? Status.EXPIRED : status;
    }
}
