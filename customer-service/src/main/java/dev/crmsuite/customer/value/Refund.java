package dev.crmsuite.customer.value;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "refund")
public class Refund extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "purchase_id")
    public UUID purchaseId;
    @Column(name = "customer_id")
    public UUID customerId;
    public BigDecimal amount;
    public String reason;
    @Column(name = "refunded_at")
    public OffsetDateTime refundedAt;
}
