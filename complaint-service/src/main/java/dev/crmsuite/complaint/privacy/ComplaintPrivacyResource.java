package dev.crmsuite.complaint.privacy;

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

/** Complaint's part of a person's data export; the gateway composes it with the other services' parts. */
@Path("/api/v1/privacy/complaints/customers/{customerId}/export")
@Tag(name = "Privacy", description = "Personal data exports for data-subject requests")
@Produces(MediaType.APPLICATION_JSON)
public class ComplaintPrivacyResource {

    static final String EXAMPLE = """
            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","generatedAt":"2026-12-02T10:00:00Z",
             "contactDetails":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "segment":"TRANSACTIONAL","valueTier":"C","priorityBoost":0,"mergedInto":null,"erasedAt":null,
               "registeredAt":"2026-11-22T10:00:00Z","updatedAt":"2026-11-22T10:00:00Z"}],
             "partnerConsents":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","partnerSharing":false,"mergedInto":null,
               "updatedAt":"2026-11-22T10:00:00Z"}],
             "complaints":[{"complaintId":"5a8f3e0c-2b7d-4f7e-9d7c-1c2b3a4d5e6f","customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "customerKnown":true,"customerSegment":"TRANSACTIONAL","customerValueTier":"C","channel":"PHONE","category":"DELIVERY",
               "subject":"Parcel arrived damaged","description":"The box was crushed and the vase inside is broken.",
               "priority":"MEDIUM","requestedPriority":null,"status":"RESOLVED","assignee":"ann","team":"care",
               "filedAt":"2026-11-23T09:00:00Z","acknowledgedAt":"2026-11-23T09:30:00Z","resolvedAt":"2026-11-24T15:00:00Z",
               "closedAt":null,"reopenedAt":null,"lastReopenReason":null,"reopenCount":0,
               "respondBy":"2026-11-23T17:00:00Z","resolveBy":"2026-11-26T17:00:00Z","pausedSince":null,"pausedSeconds":0,
               "firstResponseBreachedAt":null,"resolutionBreachedAt":null,"escalation":null,
               "resolution":{"outcome":"Replacement sent","rootCause":"Thin packaging","firstContactResolution":false,
                 "compensationPoints":300,"compensationStatus":"GRANTED","compensationGrantedPoints":300,"compensationReason":null,
                 "compensationDecidedAt":"2026-11-24T15:00:02Z"},
               "linkedComplaintId":null,"erasedAt":null,"updatedAt":"2026-11-24T15:00:02Z","version":6}],
             "comments":[{"commentId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f","complaintId":"5a8f3e0c-2b7d-4f7e-9d7c-1c2b3a4d5e6f",
                 "author":"ann","visibility":"CUSTOMER","body":"A replacement is on its way.","createdAt":"2026-11-24T14:00:00Z"},
               {"commentId":"4d3c2b1a-098f-4e7d-8c6b-5a4f3e2d1c0b","complaintId":"5a8f3e0c-2b7d-4f7e-9d7c-1c2b3a4d5e6f",
                 "author":"ann","visibility":"INTERNAL","body":"Carrier claim filed.","createdAt":"2026-11-24T14:05:00Z"}],
             "assignments":[{"complaintId":"5a8f3e0c-2b7d-4f7e-9d7c-1c2b3a4d5e6f","assignee":"ann","team":"care","assignedBy":"system",
               "reason":"round robin","assignedAt":"2026-11-23T09:00:00Z","endedAt":null}],
             "pauses":[],"deadlineBreaches":[],"tags":[],
             "auditEntries":[{"complaintId":"5a8f3e0c-2b7d-4f7e-9d7c-1c2b3a4d5e6f","actor":"ann","at":"2026-11-23T09:30:00Z",
               "action":"acknowledge","field":"status","oldValue":"OPEN","newValue":"ACKNOWLEDGED"}]}""";

    private final ComplaintPrivacyExports exports;

    public ComplaintPrivacyResource(ComplaintPrivacyExports exports) {
        this.exports = exports;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("personal data export: a data-subject request handled by staff")
    @Operation(operationId = "exportComplaintPersonalData", summary = "Export everything complaint-service holds about a customer",
            description = "Complaint-service's part of the personal data export (the gateway's GET "
                    + "/api/v1/privacy/customers/{customerId}/export composes it with the other services' parts): the customer data "
                    + "copied from customer-service, partner-sharing consent, every complaint of the customer with all its fields "
                    + "(latest escalation and the compensation loyalty-service granted or refused included), and for those "
                    + "complaints every comment, customer-visible and internal, each marked with its visibility, every holder, "
                    + "pause of the clock, passed deadline, tag and audit entry. Every section is complete, not paged. Complaints "
                    + "of a customer merged into this one moved to it and are included, as are the merged customer's copied "
                    + "details. A customer complaint-service never heard of answers 200 with empty sections (it cannot tell "
                    + "unknown from nothing held); after erasure the complaint text and comment bodies are gone, ids, dates and "
                    + "facts remain. Staff only: partners get 403 whatever their scopes.")
    @APIResponse(responseCode = "200", description = "Everything held about the customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintPrivacyExport.class),
                    examples = @ExampleObject(name = "customer with a resolved complaint", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "customerId is not a UUID in canonical form (8-4-4-4-12 hex digits): no "
            + "customer can have it. A well-formed id the service never heard of is 200 with empty sections",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplaintPrivacyExport export(@Parameter(description = "The customer's id",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d")
                                         @PathParam("customerId") UUID customerId) {
        return exports.export(customerId);
    }
}
