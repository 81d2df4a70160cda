package dev.crmsuite.survey.privacy;

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

/** Survey-service's part of a person's data export; the gateway composes it with the other services' parts. */
@Path("/api/v1/privacy/surveys/customers/{customerId}/export")
@Tag(name = "Privacy", description = "Personal data exports for data-subject requests")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyPrivacyResource {

    static final String EXAMPLE = """
            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","generatedAt":"2026-12-02T10:00:00Z",
             "contactDetails":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d",
               "marketingConsent":true,"segment":"RELATIONAL","valueTier":"A","stage":"TRUSTING","loyaltyTier":"GOLD",
               "registeredAt":"2026-11-01T10:00:00Z","updatedAt":"2026-11-01T10:00:00Z"}],
             "partnerConsents":[{"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","partnerSharing":false,"mergedInto":null,
               "updatedAt":"2026-11-01T10:00:00Z"}],
             "invitations":[
              {"invitationId":"3f0c1b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b","surveyId":"6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
               "surveyTitle":"After your purchase","surveyVersion":1,"anonymous":false,"triggerEventType":"crm.purchase.recorded.v1",
               "complaintId":null,"status":"ANSWERED","skipReason":null,"createdAt":"2026-11-10T12:00:00Z",
               "sendAt":"2026-11-11T12:00:00Z","expiresAt":"2026-11-25T12:00:00Z","answered":true,
               "answeredAt":"2026-11-12T08:30:00Z"},
              {"invitationId":"8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d","surveyId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
               "surveyTitle":"How are we doing?","surveyVersion":2,"anonymous":true,"triggerEventType":"crm.purchase.recorded.v1",
               "complaintId":null,"status":"ANSWERED","skipReason":null,"createdAt":"2026-11-20T12:00:00Z",
               "sendAt":"2026-11-20T12:00:00Z","expiresAt":"2026-12-04T12:00:00Z","answered":true,"answeredAt":null}],
             "responses":[{"responseId":"9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a","surveyId":"6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
               "surveyVersion":1,"invitationId":"3f0c1b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b","submittedAt":"2026-11-12T08:30:00Z",
               "segment":"RELATIONAL","valueTier":"A","stage":"TRUSTING","loyaltyTier":"GOLD",
               "answers":[{"questionKey":"recommend","questionType":"NPS","dimension":null,"score":9,"choices":null,"text":null},
                          {"questionKey":"why","questionType":"FREE_TEXT","dimension":null,"score":null,"choices":null,
                           "text":"Quick delivery"}]}]}""";

    private final SurveyPrivacyExports exports;

    public SurveyPrivacyResource(SurveyPrivacyExports exports) {
        this.exports = exports;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("personal data export: a data-subject request handled by staff")
    @Operation(operationId = "exportSurveyPersonalData", summary = "Export everything survey-service holds about a customer",
            description = "Survey-service's part of the personal data export (the gateway's GET /api/v1/privacy/customers/{customerId}/export "
                    + "composes it with the other services' parts): the copy of the customer kept for the contact rules, partner-sharing "
                    + "consent, every invitation (sent or skipped, without the answer token, a credential) and every answer to a named "
                    + "survey with its question keys and values. Of an anonymous survey only that the customer was invited and whether "
                    + "they answered: anonymous answers are stored with no link to anyone, so they cannot be part of anyone's export. "
                    + "Every section is complete, not paged. A merged customer's invitations and answers were moved to the survivor and "
                    + "appear in the survivor's export. A customer survey-service never heard of answers 200 with empty sections (it "
                    + "cannot tell unknown from nothing held); after erasure nothing is found by the erased id. Staff only: partners get "
                    + "403 whatever their scopes.")
    @APIResponse(responseCode = "200", description = "Everything held about the customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyPrivacyExport.class),
                    examples = @ExampleObject(name = "a named answer and an anonymous one", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "customerId is not a UUID in canonical form (8-4-4-4-12 hex digits): no "
            + "customer can have it. A well-formed id the service never heard of is 200 with empty sections",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SurveyPrivacyExport export(@Parameter(description = "The customer's id",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d")
                                      @PathParam("customerId") UUID customerId) {
        return exports.export(customerId);
    }
}
