package dev.crmsuite.loyalty.account;

import dev.crmsuite.loyalty.tier.Tier;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A club membership. {@code balance} is a running total of the ledger, changed only by
 * {@link dev.crmsuite.loyalty.ledger.Ledger} while it holds this row locked, so it always equals
 * the sum of the account's entries.
 */
@Entity
@Table(name = "loyalty_account")
public class LoyaltyAccount extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    public AccountStatus status;

    @Enumerated(EnumType.STRING)
    public Tier tier;

    public long balance;

    @Column(name = "lifetime_earned")
    public long lifetimeEarned;

    @Column(name = "lifetime_redeemed")
    public long lifetimeRedeemed;

    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;

    @Column(name = "tier_since")
    public OffsetDateTime tierSince;

    @Column(name = "tier_review_at")
    public OffsetDateTime tierReviewAt;

    @Column(name = "merged_into")
    public UUID mergedInto;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean active() {
        return status == AccountStatus.ACTIVE;
    }
}
