package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.lifecycle.LostReason;
import dev.crmsuite.customer.lifecycle.Stage;
import dev.crmsuite.customer.segment.Level;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.customer.segment.ServicePolicy;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A customer as the API shows it: the profile plus the derived segment, value and stage. */
@Schema(name = "Customer", description = "A customer profile with its segment, value and lifecycle stage")
public record CustomerView(
        @Schema(description = "Customer id", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID id,
        @Schema(examples = "PERSON") CustomerKind kind,
        @Schema(examples = "Li Wei") String name,
        @Schema(examples = "Wei") String givenName,
        @Schema(examples = "Li") String familyName,
        @Schema(description = "Primary email", examples = "li.wei@example.com") String email,
        List<CustomerProfile.EmailAddress> emails,
        @Schema(description = "Primary phone, E.164", examples = "+8613800138000") String phone,
        List<CustomerProfile.PhoneNumber> phones,
        CustomerProfile.Address address,
        @Schema(examples = "WEB") AcquisitionChannel acquisitionChannel,
        @Schema(examples = "zhang.min") String accountManager,
        ConsentsView consents,
        @Schema(examples = "[\"vip\"]") List<String> tags,
        @Schema(type = SchemaType.OBJECT, examples = "{\"preferredStore\": \"Shanghai-3\"}") JsonNode attributes,
        @Schema(description = "The customer's IANA time zone; absent: the installation's default", examples = "Asia/Shanghai") String timeZone,
        SegmentationView segmentation,
        ValueView value,
        LifecycleView lifecycle,
        @Schema(description = "Set when personal data was erased; the record keeps only anonymous aggregates")
        OffsetDateTime erasedAt,
        @Schema(description = "Row version; also sent as the ETag header", examples = "0") long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    @Schema(name = "Consents", description = "Consents and when each was last given or withdrawn")
    public record ConsentsView(
            @Schema(examples = "true") boolean marketing,
            @Schema(description = "When marketing consent was last given or withdrawn (absent: never asked)") OffsetDateTime marketingChangedAt,
            @Schema(examples = "false") boolean partnerSharing,
            @Schema(description = "When partner-sharing consent was last given or withdrawn") OffsetDateTime partnerSharingChangedAt) {
    }

    @Schema(name = "Segmentation")
    public record SegmentationView(
            @Schema(description = "Absent until known (staff input or enough purchases)", examples = "RELATIONAL") Segment segment,
            @Schema(examples = "LOW") Level priceSensitivity,
            @Schema(description = "STAFF or DERIVED", examples = "DERIVED") String priceSensitivitySource,
            @Schema(examples = "HIGH") Level relationshipOrientation,
            @Schema(description = "STAFF or DERIVED", examples = "STAFF") String relationshipOrientationSource,
            @Schema(description = "Staff promoted this customer to KEY_ACCOUNT") boolean keyAccountByStaff,
            ServicePolicy servicePolicy) {
    }

    @Schema(name = "CustomerValue")
    public record ValueView(
            @Schema(description = "Net revenue (purchases minus refunds) of the last 12 months", examples = "4500.00") BigDecimal revenue12Months,
            @Schema(examples = "CNY") String currency,
            @Schema(description = "Pareto tier A/B/C; absent until the first ranking", examples = "A") String valueTier,
            LifetimeValueView lifetimeValue,
            @Schema(description = "When the value was last computed: at the customer's last purchase, refund, referral or merge, or by the last "
                    + "recomputation that changed it (nightly, crm.customer.value.recompute-cron): a value no later recomputation "
                    + "changed is still current") OffsetDateTime computedAt) {
    }

    @Schema(name = "LifetimeValue", description = "CLV = (annual own revenue + annual referral revenue) x expected years, with its inputs")
    public record LifetimeValueView(
            @Schema(examples = "95000.00") BigDecimal value,
            @Schema(description = "Own net revenue of the last 12 months", examples = "4500.00") BigDecimal annualOwnRevenue,
            @Schema(description = "Net revenue of the last 12 months of the customers this one referred", examples = "5000.00") BigDecimal annualReferralRevenue,
            @Schema(examples = "10") int expectedYears,
            @Schema(examples = "(4500.00 + 5000.00) x 10") String formula) {
    }

    @Schema(name = "Lifecycle")
    public record LifecycleView(
            @Schema(examples = "REPEAT_BUYER") Stage stage,
            @Schema(description = "Staff set the stage; rules leave it alone until the override is removed") boolean overridden,
            @Schema(examples = "second purchase") String reason,
            OffsetDateTime changedAt,
            @Schema(description = "When LOST") LostReason lostReasonCode,
            String lostReasonText,
            OffsetDateTime lostAt) {
    }

    public static CustomerView of(Customer c, ServicePolicy policy, int expectedYears, String currency) {
        return new CustomerView(c.id, c.kind, c.displayName, c.givenName, c.familyName, c.email,
                CustomerJson.emails(c), c.phone, CustomerJson.phones(c), CustomerJson.address(c),
                c.acquisitionChannel, c.accountManager,
                new ConsentsView(c.consentMarketing, c.consentMarketingAt, c.consentPartnerSharing, c.consentPartnerSharingAt),
                CustomerJson.tags(c), CustomerJson.attributes(c), c.timeZone,
                new SegmentationView(c.segment == null ? null : Segment.valueOf(c.segment),
                        c.priceSensitivity == null ? null : Level.valueOf(c.priceSensitivity),
                        c.priceSensitivity == null ? null : c.priceSensitivityByStaff ? "STAFF" : "DERIVED",
                        c.relationshipOrientation == null ? null : Level.valueOf(c.relationshipOrientation),
                        c.relationshipOrientation == null ? null : c.relationshipOrientationByStaff ? "STAFF" : "DERIVED",
                        c.keyAccountByStaff, policy),
                new ValueView(c.revenue12m, currency, c.valueTier,
                        new LifetimeValueView(c.lifetimeValue, c.revenue12m, c.referralRevenue12m, expectedYears,
                                "(" + c.revenue12m.toPlainString() + " + " + c.referralRevenue12m.toPlainString() + ") x " + expectedYears),
                        c.valueComputedAt),
                new LifecycleView(Stage.valueOf(c.stage), c.stageOverridden, c.stageReason, c.stageChangedAt,
                        c.lostReasonCode == null ? null : LostReason.valueOf(c.lostReasonCode), c.lostReasonText, c.lostAt),
                c.erasedAt, c.version, c.createdAt, c.updatedAt);
    }
}
