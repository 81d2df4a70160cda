package dev.crmsuite.customer.privacy;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** customer-service's part of a person's data export; the gateway composes it with the other services' parts. */
@Path("/api/v1/customers/{id}/export")
@Tag(name = "Privacy", description = "Export and erasure of personal data")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    static final String EXAMPLE = """
            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","generatedAt":"2026-12-02T10:00:00Z","exportedAt":"2026-12-02T10:00:00Z",
             "customer":{"id":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","kind":"PERSON","name":"Li Wei","email":"li.wei@example.com"},
             "mergedDuplicates":[],
             "purchases":[{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","externalOrderId":"ORD-2026-0001","amount":5999.00,
               "refundedAmount":1000.00,"currency":"CNY","purchasedAt":"2026-11-10T12:00:00Z","discounted":false,
               "items":[{"sku":"TV-55-OLED","name":"55\\" OLED television","quantity":1,"unitPrice":5999.00}],
               "recordedAt":"2026-11-10T12:00:01Z"}],
             "refunds":[{"id":"5d1f3c2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f","purchaseId":"7c9e6679-7425-40de-944b-e07fc1f90ae7",
               "amount":1000.00,"reason":"damaged on delivery","refundedAt":"2026-11-12T09:00:00Z"}],
             "touchpoints":[],"followUps":[],"referrals":[],"losses":[],
             "timeline":[{"id":"9a0e2f4c-1b3d-4e5f-8a7b-6c5d4e3f2a1b","occurredAt":"2026-11-10T12:00:00Z","kind":"PURCHASE",
               "refId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","summary":"Purchase ORD-2026-0001 5999.00 CNY",
               "data":{"amount":5999.00,"currency":"CNY","externalOrderId":"ORD-2026-0001","items":1}}],
             "history":[{"id":42,"changedAt":"2026-12-02T10:00:00Z","actor":"zhang.min","field":"exported","oldValue":null,
               "newValue":"2026-12-02T10:00:00Z"}],
             "consents":[{"consent":"MARKETING","given":true,"changedAt":"2026-11-01T10:00:00Z"},
               {"consent":"PARTNER_SHARING","given":false,"changedAt":null}],
             "complaintRecords":[],"exitSurveyResponses":[],
             "riskAssessments":[{"level":"LOW","reasons":[],"lastPurchaseAt":"2026-11-10T12:00:00Z","recencyDays":22,
               "purchases12Months":1,"revenue12Months":4999.00,"usualIntervalDays":null,"expectedNextPurchase":null,
               "unresolvedComplaints":0,"lastNps":null,"highSince":null,"computedAt":"2026-11-10T12:00:01Z"}],
             "duplicateCandidates":[]}""";

    private final CustomerPrivacyExports exports;

    public PrivacyResource(CustomerPrivacyExports exports) {
        this.exports = exports;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("personal data export: a data-subject request handled by staff")
    @Operation(operationId = "exportCustomer", summary = "Everything held about a customer",
            description = "customer-service's part of the personal data export (the gateway's GET /api/v1/privacy/customers/{customerId}/export "
                    + "composes it with the other services' parts): the profile, merged duplicates with what their records keep, "
                    + "purchases with items, refunds, touchpoints, follow-ups, referrals, losses, the timeline, the change history, "
                    + "consents, the complaints and exit-survey reasons other services reported, the churn-risk assessment and the "
                    + "possible duplicates found for the customer. Every list is complete, not paged. "
                    + "Timeline entries copied from another service's events need that service's read scope, as in the timeline. "
                    + "Each export is recorded in the customer's history (field \"exported\", the caller as actor, the time as new "
                    + "value), and the answer's history already holds that record. Staff only: partners get 403 whatever their scopes.")
    @APIResponse(responseCode = "200", description = "Everything customer-service holds about the customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerPrivacyExport.class),
                    examples = @ExampleObject(name = "customer with a refunded purchase", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CustomerPrivacyExport export(@PathParam("id") UUID id) {
        return exports.export(id);
    }
}
