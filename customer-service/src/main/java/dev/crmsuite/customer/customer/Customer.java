package dev.crmsuite.customer.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The one record of a customer. The API never exposes this entity; see {@link CustomerView}.
 * JSON columns are held as JSON text here and read through {@link CustomerJson}: the entity stays
 * a plain row, and the shape of those documents is defined once, in the API records.
 */
@Entity
@Table(name = "customer")
// A purchase changes a handful of value columns; writing only those spares PostgreSQL re-parsing the
// JSON documents on every update.
@DynamicUpdate
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    public CustomerKind kind;

    @Column(name = "display_name")
    public String displayName;
    @Column(name = "given_name")
    public String givenName;
    @Column(name = "family_name")
    public String familyName;

    /** The primary email, normalised; also in {@link #emails}. */
    public String email;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String emails = "[]";
    /** The primary phone, normalised; also in {@link #phones}. */
    public String phone;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String phones = "[]";
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "acquisition_channel")
    public AcquisitionChannel acquisitionChannel;
    @Column(name = "account_manager")
    public String accountManager;

    @Column(name = "consent_marketing")
    public boolean consentMarketing;
    @Column(name = "consent_marketing_at")
    public OffsetDateTime consentMarketingAt;
    @Column(name = "consent_partner_sharing")
    public boolean consentPartnerSharing;
    @Column(name = "consent_partner_sharing_at")
    public OffsetDateTime consentPartnerSharingAt;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String tags = "[]";
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String attributes = "{}";
    @Column(name = "search_text")
    public String searchText = "";

    @Column(name = "price_sensitivity")
    public String priceSensitivity;
    @Column(name = "price_sensitivity_by_staff")
    public boolean priceSensitivityByStaff;
    @Column(name = "relationship_orientation")
    public String relationshipOrientation;
    @Column(name = "relationship_orientation_by_staff")
    public boolean relationshipOrientationByStaff;
    @Column(name = "key_account_by_staff")
    public boolean keyAccountByStaff;
    public String segment;

    @Column(name = "revenue_12m")
    public BigDecimal revenue12m = BigDecimal.ZERO;
    @Column(name = "referral_revenue_12m")
    public BigDecimal referralRevenue12m = BigDecimal.ZERO;
    @Column(name = "lifetime_value")
    public BigDecimal lifetimeValue = BigDecimal.ZERO;
    @Column(name = "value_tier")
    public String valueTier;
    @Column(name = "value_computed_at")
    public OffsetDateTime valueComputedAt;

    public String stage = "PROSPECT";
    @Column(name = "stage_overridden")
    public boolean stageOverridden;
    @Column(name = "stage_reason")
    public String stageReason;
    @Column(name = "stage_changed_at")
    public OffsetDateTime stageChangedAt;
    @Column(name = "lost_reason_code")
    public String lostReasonCode;
    @Column(name = "lost_reason_text")
    public String lostReasonText;
    @Column(name = "lost_at")
    public OffsetDateTime lostAt;

    /** The customer's own IANA time zone (quiet hours of campaigns); null: the installation's default. */
    @Column(name = "time_zone")
    public String timeZone;
    /** When the customer last bought (the latest purchasedAt), kept with each recorded purchase for audiences. */
    @Column(name = "last_purchase_at")
    public OffsetDateTime lastPurchaseAt;

    @Column(name = "merged_into")
    public UUID mergedInto;
    @Column(name = "merged_at")
    public OffsetDateTime mergedAt;
    @Column(name = "erased_at")
    public OffsetDateTime erasedAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Optional<Customer> byEmail(String normalisedEmail) {
        return find("email", normalisedEmail).firstResultOptional();
    }

    public boolean erased() {
        return erasedAt != null;
    }
}
