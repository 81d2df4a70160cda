package dev.crmsuite.customer.campaign.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crmsuite.platform.events.EventJson;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** What, where and when the event of an EVENT_INVITATION campaign is, as {@code campaign.event} stores it. */
@Schema(name = "CampaignEventSummary", description = "The event an invitation is for")
public record CampaignEvent(@Schema(examples = "Spring collection preview") String title,
                            @Schema(examples = "2026-12-12T10:00:00Z") OffsetDateTime startsAt,
                            @Schema(examples = "2026-12-12T13:00:00Z") OffsetDateTime endsAt,
                            @Schema(examples = "Flagship store, 88 Nanjing Road, Shanghai") String location) {

    /** The stored JSON text, or null when the campaign has no event. */
    static CampaignEvent parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, CampaignEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign event unreadable", e);
        }
    }
}
