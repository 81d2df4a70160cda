package dev.crmsuite.customer.campaign;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A campaign (table campaign, V8); its runs and deliveries are written by {@link CampaignSending}. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;
    @jakarta.persistence.Version
    public long version;
    public String name;
    @Enumerated(EnumType.STRING)
    public CampaignKind kind;
    @Enumerated(EnumType.STRING)
    public CampaignStatus status;
    @Column(name = "audience_id")
    public UUID audienceId;
    public String subject;
    @Column(name = "template_key")
    public String templateKey;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String variables = "{}";
    /** JSON of {@link CampaignModels.EventDetails}, EVENT_INVITATION only. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String event;
    @Column(name = "send_at")
    public OffsetDateTime sendAt;
    public String recurrence;
    @Column(name = "recur_until")
    public OffsetDateTime recurUntil;
    @Column(name = "holdout_share")
    public BigDecimal holdoutShare;
    @Column(name = "holdout_seed")
    public long holdoutSeed;
    @Column(name = "measurement_days")
    public int measurementDays;
    @Column(name = "delivery_partner")
    public String deliveryPartner;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    @Column(name = "cancel_reason")
    public String cancelReason;
}
