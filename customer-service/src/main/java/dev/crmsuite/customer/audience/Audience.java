package dev.crmsuite.customer.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A saved, named filter over customers. The filter is held as JSON text of an {@link AudienceFilter}. */
@Entity
@Table(name = "audience")
public class Audience extends PanacheEntityBase {

    @Id
    public UUID id;
    @Version
    public long version;
    public String name;
    public String description;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String filter;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** Set when deleted: the row stays for the campaigns that were sent to it. */
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;
}
