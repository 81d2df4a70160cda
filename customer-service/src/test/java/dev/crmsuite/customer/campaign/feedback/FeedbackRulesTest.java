package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.campaign.RsvpTokens;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportRules.Accepted;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportRules.Decision;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportRules.Refused;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportRules.Report;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportRules.State;
import dev.crmsuite.customer.touchpoint.TouchpointModels.Channel;
import dev.crmsuite.customer.touchpoint.TouchpointModels.Phase;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain rules of delivery reports, RSVPs and campaign touchpoints. */
class FeedbackRulesTest {

    static final OffsetDateTime REQUESTED = OffsetDateTime.parse("2026-12-01T09:30:00Z");
    static final OffsetDateTime LATER = REQUESTED.plusMinutes(2);

    static State requested(Report... reported) {
        return new State("REQUESTED", REQUESTED, null, reported.length == 0 ? Set.of() : EnumSet.of(reported[0], reported));
    }

    @Test
    void the_first_delivered_report_delivers_and_a_repeat_changes_nothing() {
        assertThat(DeliveryReportRules.decide(requested(), Report.DELIVERED, LATER)).isEqualTo(new Accepted(new Decision(false, true)));
        State delivered = new State("DELIVERED", REQUESTED, LATER, Set.of(Report.DELIVERED));
        assertThat(DeliveryReportRules.decide(delivered, Report.DELIVERED, LATER.plusHours(1))).isEqualTo(new Accepted(Decision.REPEAT));
    }

    @Test
    void an_open_or_click_implies_delivery_once() {
        assertThat(DeliveryReportRules.decide(requested(), Report.OPENED, LATER)).isEqualTo(new Accepted(new Decision(false, true)));
        State opened = new State("DELIVERED", REQUESTED, LATER, Set.of(Report.OPENED));
        // the click and a late DELIVERED report are accepted, but the delivery (and its touchpoint) happened already
        assertThat(DeliveryReportRules.decide(opened, Report.CLICKED, LATER)).isEqualTo(new Accepted(new Decision(false, false)));
        assertThat(DeliveryReportRules.decide(opened, Report.DELIVERED, LATER)).isEqualTo(new Accepted(new Decision(false, false)));
    }

    @Test
    void a_bounce_after_delivery_is_refused_and_a_bounced_delivery_takes_no_other_report() {
        State delivered = new State("DELIVERED", REQUESTED, LATER, Set.of(Report.DELIVERED));
        assertThat(DeliveryReportRules.decide(delivered, Report.BOUNCED, LATER)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.refusal().status()).isEqualTo(409));
        assertThat(DeliveryReportRules.decide(requested(), Report.BOUNCED, LATER)).isEqualTo(new Accepted(new Decision(false, false)));
        State bounced = new State("BOUNCED", REQUESTED, null, Set.of(Report.BOUNCED));
        assertThat(DeliveryReportRules.decide(bounced, Report.BOUNCED, LATER)).isEqualTo(new Accepted(Decision.REPEAT));
        assertThat(DeliveryReportRules.decide(bounced, Report.OPENED, LATER)).isInstanceOf(Refused.class);
    }

    @Test
    void nothing_sent_takes_no_report() {
        for (String status : new String[] {"HOLDOUT", "EXCLUDED", "DEFERRED"}) {
            assertThat(DeliveryReportRules.decide(new State(status, null, null, Set.of()), Report.DELIVERED, LATER))
                    .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.refusal()).extracting("status", "slug")
                            .containsExactly(409, "delivery-not-sent"));
        }
    }

    @Test
    void a_report_before_the_request_is_unprocessable_and_the_future_has_a_small_skew() {
        assertThat(DeliveryReportRules.decide(requested(), Report.DELIVERED, REQUESTED.minusSeconds(1)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.refusal().status()).isEqualTo(422));
        assertThat(DeliveryReportRules.inFuture(REQUESTED.plusMinutes(5), REQUESTED)).isFalse();
        assertThat(DeliveryReportRules.inFuture(REQUESTED.plusMinutes(5).plusSeconds(1), REQUESTED)).isTrue();
    }

    @Test
    void rsvp_once() {
        assertThat(RsvpRules.answer(null, RsvpRules.Response.ACCEPTED)).isEqualTo(RsvpRules.Outcome.RECORD);
        assertThat(RsvpRules.answer("ACCEPTED", RsvpRules.Response.ACCEPTED)).isEqualTo(RsvpRules.Outcome.REPEAT);
        assertThat(RsvpRules.answer("ACCEPTED", RsvpRules.Response.DECLINED)).isEqualTo(RsvpRules.Outcome.CHANGE_REFUSED);
    }

    @Test
    void an_invitation_closes_when_cancelled_or_when_the_event_starts() {
        OffsetDateTime starts = OffsetDateTime.parse("2026-12-12T10:00:00Z");
        assertThat(RsvpRules.closedBecause("SENT", starts, starts.minusSeconds(1))).isNull();
        assertThat(RsvpRules.closedBecause("SENT", starts, starts)).contains("started");
        assertThat(RsvpRules.closedBecause("CANCELLED", starts, starts.minusDays(1))).contains("cancelled");
    }

    @Test
    void tokens_have_one_shape_and_are_looked_up_by_sha256() {
        String token = RsvpTokens.create();
        assertThat(Rsvps.plausible(token)).isTrue();
        assertThat(Rsvps.plausible("short")).isFalse();
        assertThat(Rsvps.plausible(token + "%")).isFalse();
        assertThat(Rsvps.plausible(null)).isFalse();
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(java.util.HexFormat.of().formatHex(RsvpTokens.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void campaign_touchpoints_take_the_channel_of_the_kind_and_the_phase_of_the_stage() {
        assertThat(CampaignTouchpointRules.channelOf("NEWSLETTER")).isEqualTo(Channel.NEWSLETTER);
        assertThat(CampaignTouchpointRules.channelOf("LETTER")).isEqualTo(Channel.LETTER);
        assertThat(CampaignTouchpointRules.channelOf("EVENT_INVITATION")).isEqualTo(Channel.EVENT);
        assertThat(CampaignTouchpointRules.channelOf("OFFER")).isEqualTo(Channel.EMAIL);
        assertThat(CampaignTouchpointRules.phaseOf("PROSPECT")).isEqualTo(Phase.PRE_SALE);
        assertThat(CampaignTouchpointRules.phaseOf("HESITANT")).isEqualTo(Phase.PRE_SALE);
        assertThat(CampaignTouchpointRules.phaseOf("REPEAT_BUYER")).isEqualTo(Phase.AFTER_SALE);
        assertThat(CampaignTouchpointRules.phaseOf("LOST")).isEqualTo(Phase.AFTER_SALE);
    }
}
