package dev.crmsuite.loyalty.privacy;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Loyalty's part of a person's data export; the gateway composes it with the other services' parts. */
@Path("/api/v1/privacy/loyalty/customers/{customerId}/export")
@Tag(name = "Privacy", description = "Personal data exports for data-subject requests")
@Produces(MediaType.APPLICATION_JSON)
public class LoyaltyPrivacyResource {

    static final String EXAMPLE = """
            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","generatedAt":"2026-12-02T10:00:00Z",
             "contactDetails":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "registeredAt":"2026-11-01T10:00:00Z","updatedAt":"2026-11-01T10:00:00Z"}],
             "partnerConsents":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","partnerSharing":false,"mergedInto":null,
               "updatedAt":"2026-11-01T10:00:00Z"}],
             "accounts":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","status":"ACTIVE","tier":"MEMBER",
               "tierSince":"2026-11-01T10:00:00Z","tierReviewAt":"2027-11-01T10:00:00Z","balance":90,"lifetimeEarned":120,
               "lifetimeRedeemed":30,"joinedAt":"2026-11-01T10:00:00Z","mergedInto":null,"closedAt":null,"updatedAt":"2026-11-20T09:00:00Z"}],
             "ledgerEntries":[{"entryId":"5d1f3c2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f","customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "kind":"EARN","points":120,"balanceAfter":120,"reason":"purchase of 120.00 CNY",
               "sourceRef":"purchase:7c9e6679-7425-40de-944b-e07fc1f90ae7","rule":"rules-v1","createdAt":"2026-11-10T12:00:00Z"}],
             "lots":[{"lotId":"9a0e2f4c-1b3d-4e5f-8a7b-6c5d4e3f2a1b","customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "entryId":"5d1f3c2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f","points":120,"remaining":90,"earnedAt":"2026-11-10T12:00:00Z",
               "expiresAt":"2028-11-10T12:00:00Z","expiredAt":null}],
             "purchases":[{"purchaseId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "amount":120.00,"currency":"CNY","purchasedAt":"2026-11-10T12:00:00Z","segment":"RELATIONAL","tier":"MEMBER",
               "ruleVersion":1,"pointsAwarded":120,"pointsReversed":0,"refundedAmount":0.00,
               "earnEntryId":"5d1f3c2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f","recordedAt":"2026-11-10T12:00:01Z"}],
             "refunds":[],"vouchers":[],
             "redemptions":[{"redemptionId":"1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b","customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "kind":"DISCOUNT","rewardId":null,"quantity":1,"points":30,"discountAmount":0.30,"currency":"CNY",
               "entryId":"2b3c4d5e-6f70-4182-9394-a5b6c7d8e9f0","createdAt":"2026-11-20T09:00:00Z"}],
             "goodwillDecisions":[],"attendedEvents":[]}""";

    private final LoyaltyPrivacyExports exports;

    public LoyaltyPrivacyResource(LoyaltyPrivacyExports exports) {
        this.exports = exports;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("personal data export: a data-subject request handled by staff")
    @Operation(operationId = "exportLoyaltyPersonalData", summary = "Export everything loyalty holds about a customer",
            description = "Loyalty-service's part of the personal data export (the gateway's GET /api/v1/privacy/customers/{customerId}/export "
                    + "composes it with the other services' parts): that loyalty knows the customer and since when (no name or "
                    + "email is kept), partner-sharing consent, the club account and its current tier (no tier history is "
                    + "kept), every ledger entry and point lot, "
                    + "purchases and refunds as they earned points, vouchers issued to or redeemed by the customer, redemptions and "
                    + "goodwill decisions. Every section is complete, not paged. The records of accounts merged into this customer's "
                    + "are included, each naming its customerId. A customer loyalty-service never heard of answers 200 with empty "
                    + "sections (it cannot tell unknown from nothing held); after erasure the "
                    + "account is CLOSED, ids and amounts remain. Money is in the installation currency. Staff only: partners get "
                    + "403 whatever their scopes.")
    @APIResponse(responseCode = "200", description = "Everything held about the customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoyaltyPrivacyExport.class),
                    examples = @ExampleObject(name = "member with a purchase and a redemption", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "customerId is not a UUID in canonical form (8-4-4-4-12 hex digits): no "
            + "customer can have it. A well-formed id the service never heard of is 200 with empty sections",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LoyaltyPrivacyExport export(@Parameter(description = "The customer's id",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d")
                                       @PathParam("customerId") UUID customerId) {
        return exports.export(customerId);
    }
}
