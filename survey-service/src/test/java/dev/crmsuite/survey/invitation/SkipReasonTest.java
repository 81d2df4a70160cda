package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.contact.ContactBudget;
import dev.crmsuite.platform.contact.ContactRefusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SkipReasonTest {

    @Test
    void every_platform_refusal_keeps_the_reason_the_skipped_event_always_carried() {
        assertThat(SkipReason.of(null)).isNull();
        assertThat(SkipReason.of(ContactRefusal.NO_MARKETING_CONSENT)).isEqualTo(SkipReason.NO_MARKETING_CONSENT);
        assertThat(SkipReason.of(ContactRefusal.CONTACT_BUDGET_EXHAUSTED)).isEqualTo(SkipReason.CONTACT_BUDGET_EXHAUSTED);
        for (ContactRefusal refusal : ContactRefusal.values()) {
            assertThat(SkipReason.of(refusal).name()).isEqualTo(refusal.name());
        }
    }

    @Test
    void consent_first_then_the_budget_of_contacts_from_any_service() {
        ContactBudget one = new ContactBudget(1, Duration.ofDays(30));
        assertThat(SkipReason.of(one.check(false, 0))).isEqualTo(SkipReason.NO_MARKETING_CONSENT);
        assertThat(SkipReason.of(one.check(true, 0))).isNull();
        assertThat(SkipReason.of(one.check(true, 1))).isEqualTo(SkipReason.CONTACT_BUDGET_EXHAUSTED);
        assertThat(SkipReason.of(new ContactBudget(2, Duration.ofDays(30)).check(true, 1))).isNull();
    }
}
