package dev.crmsuite.loyalty.reward;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An item of the rewards catalogue. */
@Entity
@Table(name = "reward")
public class Reward extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    public String name;

    public String description;

    @Column(name = "points_cost")
    public long pointsCost;

    /** Units left; null = unlimited. Only ever decremented by a guarded UPDATE, never read-modify-write. */
    public Integer stock;

    public boolean active;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
