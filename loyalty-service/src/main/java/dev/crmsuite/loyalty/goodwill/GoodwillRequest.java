package dev.crmsuite.loyalty.goodwill;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Compensation points a resolved complaint asked for, and whether the budgets allowed them. */
@Entity
@Table(name = "goodwill_request")
public class GoodwillRequest extends PanacheEntityBase {

    @Id
    @Column(name = "complaint_id")
    public String complaintId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "requested_points")
    public long requestedPoints;

    @Column(name = "granted_points")
    public long grantedPoints;

    /** GRANTED or REFUSED. */
    public String status;

    public String reason;

    @Column(name = "entry_id")
    public UUID entryId;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;
}
