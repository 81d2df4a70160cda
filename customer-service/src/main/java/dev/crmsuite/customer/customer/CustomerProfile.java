package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The part of a customer that staff and partners edit: what a create sends, and what a JSON Merge
 * Patch is applied to. Segment, value and stage are not here: they have their own rules and
 * endpoints.
 */
@Schema(name = "CustomerProfile", description = "The editable profile of a customer (create body; target of merge patches)")
public record CustomerProfile(
        @Schema(description = "PERSON or COMPANY; PERSON when absent", examples = "PERSON")
        CustomerKind kind,
        @NotBlank @Size(max = 200)
        @Schema(description = "Full name of the person or legal name of the company", examples = "Li Wei", required = true)
        String name,
        @Size(max = 100) @Schema(examples = "Wei") String givenName,
        @Size(max = 100) @Schema(examples = "Li") String familyName,
        @Size(max = 254) @jakarta.validation.constraints.Email
        @Schema(description = "Primary email (shorthand for the primary entry of emails); unique across customers, case-insensitive",
                examples = "li.wei@example.com")
        String email,
        @Size(max = 10)
        @Schema(description = "Every email of the customer; exactly one is primary (the first when none is marked)")
        List<@Valid EmailAddress> emails,
        @Size(max = 40)
        @Schema(description = "Primary phone (shorthand for the primary entry of phones); stored in E.164 form",
                examples = "+86 138 0013 8000")
        String phone,
        @Size(max = 10)
        @Schema(description = "Every phone of the customer; exactly one is primary (the first when none is marked)")
        List<@Valid PhoneNumber> phones,
        @Valid Address address,
        @Schema(examples = "WEB") AcquisitionChannel acquisitionChannel,
        @Size(max = 100) @Schema(description = "Staff member (or team) who looks after this customer", examples = "zhang.min")
        String accountManager,
        @Valid Consents consents,
        @Size(max = 200)
        @Schema(description = "Free labels; lower-cased", examples = "[\"vip\", \"newsletter\"]")
        List<@NotBlank @Size(max = 50) @Pattern(regexp = "[\\p{L}\\p{N} _:.-]+", message = "letters, digits, space, _ : . - only") String> tags,
        @Schema(type = SchemaType.OBJECT, description = "Free-form JSON object, size-capped (crm.customer.profile.attributes-max-bytes)",
                examples = "{\"preferredStore\": \"Shanghai-3\"}")
        JsonNode attributes,
        @Size(max = 64)
        @Schema(description = "The customer's IANA time zone (campaigns respect quiet hours in it); absent: the installation's "
                + "default (crm.contact.quiet-hours.default-zone). An unknown zone is 422.", examples = "Asia/Shanghai")
        String timeZone) {

    @Schema(name = "EmailAddress")
    public record EmailAddress(
            @NotBlank @Size(max = 254) @jakarta.validation.constraints.Email @Schema(examples = "li.wei@example.com") String address,
            @Schema(examples = "true") boolean primary) {
    }

    @Schema(name = "PhoneNumber")
    public record PhoneNumber(
            @NotBlank @Size(max = 40) @Schema(examples = "+8613800138000") String number,
            @Schema(examples = "true") boolean primary) {
    }

    @Schema(name = "Address")
    public record Address(
            @Size(max = 200) @Schema(examples = "88 Century Avenue") String line1,
            @Size(max = 200) String line2,
            @Size(max = 20) @Schema(examples = "200120") String postalCode,
            @Size(max = 100) @Schema(examples = "Shanghai") String city,
            @Size(max = 100) String region,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as CN")
            @Schema(examples = "CN") String country) {
    }

    @Schema(name = "ConsentInput", description = "Consents as the customer gave them; the time of each change is recorded")
    public record Consents(
            @Schema(description = "May we contact them for marketing", examples = "true") Boolean marketing,
            @Schema(description = "May we share their data with channel partners", examples = "false") Boolean partnerSharing) {
    }
}
