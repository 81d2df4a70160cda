package dev.crmsuite.customer.followup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "follow_up")
public class FollowUp extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "customer_id")
    public UUID customerId;
    public String owner;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    public String reason;
    public String rule;
    public boolean urgent;
    public String status;
    public String outcome;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Column(name = "completed_by")
    public String completedBy;
    @Column(name = "source_ref")
    public String sourceRef;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
