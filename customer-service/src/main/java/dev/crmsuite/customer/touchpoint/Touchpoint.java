package dev.crmsuite.customer.touchpoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "touchpoint")
public class Touchpoint extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "customer_id")
    public UUID customerId;
    public String channel;
    public String direction;
    public String phase;
    public String staff;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    public String summary;
}
