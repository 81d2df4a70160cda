package dev.crmsuite.customer.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The one record of a customer. The API never exposes this entity; see {@link CustomerView}. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    public CustomerKind kind;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Optional<Customer> byEmail(String normalisedEmail) {
        return find("email", normalisedEmail).firstResultOptional();
    }
}
