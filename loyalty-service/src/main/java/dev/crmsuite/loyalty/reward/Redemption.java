package dev.crmsuite.loyalty.reward;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Points turned into a reward or a discount; its REDEEM ledger entry is {@code entryId}. */
@Entity
@Table(name = "redemption")
public class Redemption extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    public String kind;

    @Column(name = "reward_id")
    public UUID rewardId;

    public int quantity;

    public long points;

    @Column(name = "discount_amount")
    public BigDecimal discountAmount;

    public String currency;

    @Column(name = "entry_id")
    public UUID entryId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
