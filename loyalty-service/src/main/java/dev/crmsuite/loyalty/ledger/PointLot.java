package dev.crmsuite.loyalty.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Points credited together, with one expiry date. The open lots of an account always hold exactly
 * its positive balance: credits add lots, debits consume them oldest first.
 */
@Entity
@Table(name = "point_lot")
public class PointLot extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "entry_id")
    public UUID entryId;

    public long points;

    public long remaining;

    @Column(name = "earned_at")
    public OffsetDateTime earnedAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "expired_at")
    public OffsetDateTime expiredAt;
}
