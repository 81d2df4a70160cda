package dev.crmsuite.loyalty.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One movement of points. Never updated or deleted (the database refuses to). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    /** Posting order: the keyset of the ledger listing. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    public EntryKind kind;

    /** Signed: credits positive, debits negative. */
    public long points;

    @Column(name = "balance_after")
    public long balanceAfter;

    public String reason;

    @Column(name = "source_ref")
    public String sourceRef;

    @Column(name = "rule_ref")
    public String ruleRef;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
