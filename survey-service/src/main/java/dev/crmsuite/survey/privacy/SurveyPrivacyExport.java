package dev.crmsuite.survey.privacy;

import dev.crmsuite.survey.invitation.InvitationStatus;
import dev.crmsuite.survey.survey.QuestionType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything survey-service holds about one person, for a data-subject request: the survey part of
 * the suite's personal data export. Anonymous answers are not in it and cannot be: nothing stored
 * joins them to the person (that is what makes them anonymous), so of an anonymous survey the export
 * shows only that the person was invited and whether they answered.
 */
@Schema(name = "SurveyPrivacyExport", description = "Everything survey-service holds about a customer: the consents and "
        + "attributes the survey rules use as copied from customer-service (no name or email), partner-sharing consent, every "
        + "invitation (sent or skipped) and every answer the customer gave to a named (non-anonymous) survey with its question "
        + "keys and values. Of an anonymous survey only the invitation and whether it was answered: its answers are kept "
        + "without any link to the person. A customer survey-service never heard of has every section empty.")
public record SurveyPrivacyExport(
        @Schema(description = "The customer the export is for", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d", required = true)
        UUID customerId,
        @Schema(description = "When the export was taken", required = true) OffsetDateTime generatedAt,
        @Schema(description = "The copy of the customer survey-service keeps from customer-service's events (at most one)",
                required = true)
        List<Contact> contactDetails,
        @Schema(description = "Whether the customer shares their data with channel partners, as last announced (at most one)",
                required = true)
        List<PartnerConsent> partnerConsents,
        @Schema(description = "Every invitation of the customer, including skipped ones, oldest first", required = true)
        List<Invitation> invitations,
        @Schema(description = "The customer's answers to named (non-anonymous) surveys, oldest first", required = true)
        List<Response> responses) {

    @Schema(name = "SurveyPrivacyContact", description = "The customer as survey-service copied them: marketing consent (the "
            + "contact rules) and the attributes copied into each named answer; no name or email")
    public record Contact(
            @Schema(required = true) UUID customerId,
            @Schema(description = "Whether survey invitations may be sent", examples = "true", required = true) boolean marketingConsent,
            @Schema(nullable = true, examples = "RELATIONAL") String segment,
            @Schema(nullable = true, examples = "A") String valueTier,
            @Schema(nullable = true, examples = "TRUSTING") String stage,
            @Schema(nullable = true, examples = "GOLD") String loyaltyTier,
            @Schema(description = "Unknown when loyalty events came before the registration", nullable = true) OffsetDateTime registeredAt,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "SurveyPrivacyPartnerConsent", description = "The partner-sharing consent survey-service enforces")
    public record PartnerConsent(
            @Schema(required = true) UUID customerId,
            @Schema(examples = "false", required = true) boolean partnerSharing,
            @Schema(description = "The customer this one was merged into", nullable = true) UUID mergedInto,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "SurveyPrivacyInvitation", description = "An invitation to a survey, or the record that one was skipped. "
            + "The answer token is left out: it is a credential, not information about the person. For an anonymous survey "
            + "answeredAt is always null (answered says whether it was answered)")
    public record Invitation(
            @Schema(required = true) UUID invitationId,
            @Schema(required = true) UUID surveyId,
            @Schema(description = "The survey's title in the invited version", examples = "After your purchase", required = true)
            String surveyTitle,
            @Schema(examples = "1", required = true) int surveyVersion,
            @Schema(description = "Whether the survey version is anonymous", examples = "false", required = true) boolean anonymous,
            @Schema(description = "The event type that caused the invitation",
                    examples = "crm.purchase.recorded.v1", required = true) String triggerEventType,
            @Schema(description = "The resolved complaint the survey asks about", nullable = true) UUID complaintId,
            @Schema(required = true) InvitationStatus status,
            @Schema(description = "SKIPPED only", nullable = true, examples = "CONTACT_BUDGET_EXHAUSTED") String skipReason,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(description = "When it was (to be) sent; null when skipped", nullable = true) OffsetDateTime sendAt,
            @Schema(nullable = true) OffsetDateTime expiresAt,
            @Schema(examples = "true", required = true) boolean answered,
            @Schema(description = "When it was answered; null when not answered or the survey is anonymous", nullable = true)
            OffsetDateTime answeredAt) {
    }

    @Schema(name = "SurveyPrivacyResponse", description = "One answer of the customer to a named survey, with the attributes "
            + "copied from the customer when they answered")
    public record Response(
            @Schema(required = true) UUID responseId,
            @Schema(required = true) UUID surveyId,
            @Schema(examples = "1", required = true) int surveyVersion,
            @Schema(description = "The invitation answered; null after the invitation's link was removed", nullable = true)
            UUID invitationId,
            @Schema(required = true) OffsetDateTime submittedAt,
            @Schema(nullable = true, examples = "RELATIONAL") String segment,
            @Schema(nullable = true, examples = "A") String valueTier,
            @Schema(nullable = true, examples = "TRUSTING") String stage,
            @Schema(nullable = true, examples = "GOLD") String loyaltyTier,
            @Schema(description = "Every question answered, in question key order", required = true) List<Answer> answers) {
    }

    @Schema(name = "SurveyPrivacyAnswer", description = "The answer to one question: score for NPS/CSAT/CES/RATING, choices for "
            + "SINGLE_CHOICE/MULTIPLE_CHOICE, text for FREE_TEXT (free text is deleted on erasure)")
    public record Answer(
            @Schema(description = "Stable question key", examples = "recommend", required = true) String questionKey,
            @Schema(required = true, examples = "NPS") QuestionType questionType,
            @Schema(description = "RATING only", nullable = true, examples = "STAFF") String dimension,
            @Schema(nullable = true, examples = "9") Integer score,
            @Schema(nullable = true, examples = "[\"web\"]") List<String> choices,
            @Schema(nullable = true, examples = "Quick delivery") String text) {
    }
}
