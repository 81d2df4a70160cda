package dev.crmsuite.loyalty.earning;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One published version of the earning rules. Versions are never edited: a change is a new version. */
@Entity
@Table(name = "earning_rule_set")
public class RuleSetVersion extends PanacheEntityBase {

    @Id
    public int version;

    @Column(name = "effective_from")
    public OffsetDateTime effectiveFrom;

    /** {@link RuleDefinition} as JSON. */
    public String definition;

    public String note;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
