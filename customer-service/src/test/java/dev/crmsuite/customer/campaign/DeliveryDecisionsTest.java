package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.contact.ContactBudget;
import dev.crmsuite.platform.contact.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryDecisionsTest {

    static final DeliveryDecisions DECISIONS = new DeliveryDecisions(new ContactBudget(4, Duration.ofDays(30)),
            new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), ZoneId.of("Asia/Shanghai"));
    /** 12:00 in Shanghai (04:00 UTC): outside quiet hours there. */
    static final Instant NOON_SHANGHAI = Instant.parse("2031-03-05T04:00:00Z");
    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    static DeliveryDecisions.Member member(boolean consent, boolean email, boolean postal, String zone) {
        return new DeliveryDecisions.Member(ID, consent, email, postal, zone);
    }

    @Test
    void no_consent_comes_first_then_the_budget_then_the_address() {
        assertThat(DECISIONS.decide(CampaignKind.NEWSLETTER, member(false, false, false, null), 9, 1, 0, NOON_SHANGHAI).reason())
                .isEqualTo(ExclusionReason.NO_MARKETING_CONSENT);
        assertThat(DECISIONS.decide(CampaignKind.NEWSLETTER, member(true, false, false, null), 4, 1, 0, NOON_SHANGHAI).reason())
                .isEqualTo(ExclusionReason.CONTACT_BUDGET_EXHAUSTED);
        assertThat(DECISIONS.decide(CampaignKind.NEWSLETTER, member(true, false, true, null), 3, 1, 0, NOON_SHANGHAI).reason())
                .isEqualTo(ExclusionReason.NO_CONTACT_ADDRESS);
        assertThat(DECISIONS.decide(CampaignKind.NEWSLETTER, member(true, false, false, null), 0, 1, 0, NOON_SHANGHAI).status())
                .isEqualTo(DeliveryStatus.EXCLUDED);
    }

    @Test
    void a_letter_needs_a_postal_address_everything_else_an_email() {
        assertThat(DECISIONS.decide(CampaignKind.LETTER, member(true, true, false, null), 0, 1, 0, NOON_SHANGHAI).reason())
                .isEqualTo(ExclusionReason.NO_CONTACT_ADDRESS);
        assertThat(DECISIONS.decide(CampaignKind.LETTER, member(true, false, true, null), 0, 1, 0, NOON_SHANGHAI).status())
                .isEqualTo(DeliveryStatus.REQUESTED);
        for (CampaignKind k : new CampaignKind[] {CampaignKind.NEWSLETTER, CampaignKind.OFFER, CampaignKind.EVENT_INVITATION}) {
            assertThat(DECISIONS.decide(k, member(true, false, true, null), 0, 1, 0, NOON_SHANGHAI).reason())
                    .isEqualTo(ExclusionReason.NO_CONTACT_ADDRESS);
            assertThat(DECISIONS.decide(k, member(true, true, false, null), 0, 1, 0, NOON_SHANGHAI).status())
                    .isEqualTo(DeliveryStatus.REQUESTED);
        }
    }

    @Test
    void eligible_customers_below_the_share_are_held_out_excluded_ones_never() {
        long seed = 5;
        double position = Holdout.position(seed, ID);
        double share = Math.min(0.5, position + 0.01);
        if (position < 0.49) {
            assertThat(DECISIONS.decide(CampaignKind.OFFER, member(true, true, false, null), 0, seed, share, NOON_SHANGHAI).status())
                    .isEqualTo(DeliveryStatus.HOLDOUT);
            assertThat(DECISIONS.decide(CampaignKind.OFFER, member(false, true, false, null), 0, seed, share, NOON_SHANGHAI).status())
                    .isEqualTo(DeliveryStatus.EXCLUDED);
        }
        assertThat(DECISIONS.decide(CampaignKind.OFFER, member(true, true, false, null), 0, seed, position, NOON_SHANGHAI).status())
                .isEqualTo(DeliveryStatus.REQUESTED);
    }

    @Test
    void inside_quiet_hours_in_the_customers_zone_the_delivery_is_deferred_to_their_end() {
        // 04:00 UTC is 12:00 in Shanghai but 23:00 the day before in Chicago (CDT, UTC-5, in March after the switch).
        DeliveryDecisions.Decision chicago = DECISIONS.decide(CampaignKind.NEWSLETTER, member(true, true, false, "America/Chicago"), 0, 1, 0,
                Instant.parse("2031-03-20T04:00:00Z"));
        assertThat(chicago.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(chicago.dueAt()).isEqualTo(Instant.parse("2031-03-20T13:00:00Z"));
        DeliveryDecisions.Decision shanghai = DECISIONS.decide(CampaignKind.NEWSLETTER, member(true, true, false, null), 0, 1, 0,
                Instant.parse("2031-03-20T04:00:00Z"));
        assertThat(shanghai.status()).isEqualTo(DeliveryStatus.REQUESTED);
        assertThat(shanghai.dueAt()).isEqualTo(Instant.parse("2031-03-20T04:00:00Z"));
    }

    @Test
    void an_unknown_zone_falls_back_to_the_default() {
        assertThat(DECISIONS.zoneOf("Mars/Olympus")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(DECISIONS.zoneOf(" ")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(DECISIONS.zoneOf("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
