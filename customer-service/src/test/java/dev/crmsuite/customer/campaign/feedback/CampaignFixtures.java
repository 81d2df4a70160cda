package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.campaign.RsvpTokens;
import dev.crmsuite.customer.support.Rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Campaign data written straight into the database (audience, campaign, run, deliveries) in the shape the
 * sending writes it, so the feedback and report tests do not depend on sending.
 */
public final class CampaignFixtures {

    private CampaignFixtures() {
    }

    /** A campaign of {@code kind} in {@code status} over a fresh audience; invitations get an event starting at {@code eventStartsAt}. */
    public static UUID campaign(String kind, String status, String deliveryPartner, OffsetDateTime eventStartsAt, int measurementDays) {
        UUID audience = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        Rows.update("""
                insert into audience (id, version, name, filter, created_by, created_at, updated_at)
                values (?, 0, ?, '{}', 'test', ?, ?)""", audience, "aud-" + audience, now, now);
        UUID id = UUID.randomUUID();
        String event = eventStartsAt == null ? null : "{\"title\":\"Spring collection preview\",\"startsAt\":\"" + eventStartsAt
                + "\",\"endsAt\":\"" + eventStartsAt.plusHours(3) + "\",\"location\":\"Flagship store, Shanghai\"}";
        Rows.update("""
                insert into campaign (id, version, name, kind, status, audience_id, subject, template_key, variables, event, send_at,
                                      holdout_share, holdout_seed, measurement_days, delivery_partner, created_by, created_at, updated_at)
                values (?, 0, ?, ?, ?, ?, 'Subject', 'tpl', '{}', cast(? as jsonb), ?, 0.1, 42, ?, ?, 'test', ?, ?)""",
                id, "Campaign " + id.toString().substring(0, 8), kind, status, audience, event, now, measurementDays, deliveryPartner, now, now);
        return id;
    }

    public static UUID invitation(String deliveryPartner, OffsetDateTime eventStartsAt) {
        return campaign("EVENT_INVITATION", "SENT", deliveryPartner, eventStartsAt, 14);
    }

    /** Run {@code number} sent at {@code sentAt}; finished right after when {@code finished}. */
    public static UUID run(UUID campaignId, int number, OffsetDateTime sentAt, boolean finished) {
        UUID id = UUID.randomUUID();
        Rows.update("insert into campaign_run (id, campaign_id, run_number, scheduled_for, started_at, finished_at) values (?, ?, ?, ?, ?, ?)",
                id, campaignId, number, sentAt, sentAt, finished ? sentAt.plusSeconds(30) : null);
        return id;
    }

    /** A delivery row; requested at {@code requestedAt} for REQUESTED (null for the other statuses), with an RSVP token when given. */
    public static UUID delivery(UUID campaignId, UUID runId, UUID customerId, String status, String segment, OffsetDateTime requestedAt,
                                String rsvpToken) {
        UUID id = UUID.randomUUID();
        String reason = status.equals("EXCLUDED") ? "NO_MARKETING_CONSENT" : null;
        Rows.update("""
                insert into campaign_delivery (id, campaign_id, run_id, customer_id, segment, value_tier, status, exclusion_reason,
                                               due_at, requested_at, rsvp_token_hash)
                values (?, ?, ?, ?, ?, 'B', ?, ?, ?, ?, ?)""",
                id, campaignId, runId, customerId, segment, status, reason, status.equals("DEFERRED") ? requestedAt : null,
                status.equals("DEFERRED") ? null : requestedAt, rsvpToken == null ? null : RsvpTokens.hash(rsvpToken));
        return id;
    }
}
