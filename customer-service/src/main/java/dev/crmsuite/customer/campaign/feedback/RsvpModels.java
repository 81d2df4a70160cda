package dev.crmsuite.customer.campaign.feedback;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** API records and event payload of RSVPs. */
public final class RsvpModels {

    private RsvpModels() {
    }

    @Schema(name = "NewRsvp", description = "The guest's answer to an invitation")
    public record NewRsvp(@NotNull @Schema(examples = "ACCEPTED", required = true) RsvpRules.Response response) {
    }

    /** What the public link shows: the invitation, never who it was sent to. */
    @Schema(name = "CampaignInvitation", description = "An event invitation as its public link shows it: no personal data")
    public record InvitationView(@Schema(examples = "Spring preview for our regular customers") String campaignName,
                                 CampaignEvent event,
                                 @Schema(description = "The answer given, if any", examples = "ACCEPTED") RsvpRules.Response rsvp,
                                 @Schema(examples = "2026-12-03T08:15:00Z") OffsetDateTime rsvpAt) {
    }

    /** {@code crm.campaign.rsvp-recorded.v1} (subject: the customer). */
    public record RsvpRecorded(UUID deliveryId, UUID campaignId, UUID customerId, RsvpRules.Response rsvp, OffsetDateTime recordedAt) {
        public static final String TYPE = "crm.campaign.rsvp-recorded.v1";
    }
}
