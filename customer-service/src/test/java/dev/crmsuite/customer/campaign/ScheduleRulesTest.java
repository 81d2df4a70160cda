package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScheduleRulesTest {

    static final Instant NOW = Instant.parse("2031-03-01T00:00:00Z");
    static final Instant SEND = Instant.parse("2031-03-02T00:00:00Z");

    static CampaignModels.EventDetails event(String starts) {
        return new CampaignModels.EventDetails("Evening", OffsetDateTime.parse(starts), null, "Store");
    }

    static List<String> fields(ScheduleRules.Draft d) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ScheduleRules.check(d, NOW));
        if (e == null) {
            return List.of();
        }
        assertThat(e.status()).isEqualTo(422);
        return e.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void a_complete_newsletter_and_invitation_pass() {
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.NEWSLETTER, true, null, SEND, "P1M", Instant.parse("2031-12-31T00:00:00Z")))).isEmpty();
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.EVENT_INVITATION, true, event("2031-03-10T18:00:00Z"), SEND, null, null))).isEmpty();
    }

    @Test
    void each_rule_names_its_field() {
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.OFFER, false, null, SEND, null, null))).containsExactly("audienceId");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.OFFER, true, null, NOW.minusSeconds(60), null, null))).containsExactly("sendAt");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.EVENT_INVITATION, true, null, SEND, null, null))).containsExactly("event");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.EVENT_INVITATION, true, event("2031-02-28T18:00:00Z"), SEND, null, null)))
                .containsExactly("event.startsAt");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.EVENT_INVITATION, true, event("2031-03-01T18:00:00Z"), SEND, null, null)))
                .containsExactly("event.startsAt");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.LETTER, true, event("2031-03-10T18:00:00Z"), SEND, null, null)))
                .containsExactly("event");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.OFFER, true, null, SEND, "P1W", null))).containsExactly("recurrence");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.NEWSLETTER, true, null, SEND, "P0D", null))).containsExactly("recurrence");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.NEWSLETTER, true, null, SEND, "P1D", SEND))).containsExactly("recurUntil");
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.NEWSLETTER, true, null, SEND, null, SEND.plusSeconds(9)))).containsExactly("recurUntil");
    }

    @Test
    void all_violations_come_together() {
        assertThat(fields(new ScheduleRules.Draft(CampaignKind.OFFER, false, null, SEND, "P1D", SEND)))
                .containsExactlyInAnyOrder("audienceId", "recurrence", "recurUntil");
    }

    @Test
    void periods_of_at_least_a_day() {
        assertThat(ScheduleRules.atLeastOneDay(ScheduleRules.period("P1D"))).isTrue();
        assertThat(ScheduleRules.atLeastOneDay(ScheduleRules.period("P1W"))).isTrue();
        assertThat(ScheduleRules.atLeastOneDay(ScheduleRules.period("P1M"))).isTrue();
        assertThat(ScheduleRules.atLeastOneDay(ScheduleRules.period("P0D"))).isFalse();
        assertThat(ScheduleRules.atLeastOneDay(ScheduleRules.period("P1M-40D"))).isFalse();
        assertThat(ScheduleRules.period("PT12H")).isNull();
        assertThat(ScheduleRules.period("monthly")).isNull();
    }
}
