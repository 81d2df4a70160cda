package dev.crmsuite.customer.value;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "purchase")
public class Purchase extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "external_order_id")
    public String externalOrderId;
    public BigDecimal amount;
    @Column(name = "refunded_amount")
    public BigDecimal refundedAmount = BigDecimal.ZERO;
    public String currency;
    @Column(name = "purchased_at")
    public OffsetDateTime purchasedAt;
    public boolean discounted;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String items = "[]";
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
