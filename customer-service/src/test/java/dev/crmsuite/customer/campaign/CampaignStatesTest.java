package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static dev.crmsuite.customer.campaign.CampaignStatus.CANCELLED;
import static dev.crmsuite.customer.campaign.CampaignStatus.DRAFT;
import static dev.crmsuite.customer.campaign.CampaignStatus.SCHEDULED;
import static dev.crmsuite.customer.campaign.CampaignStatus.SENDING;
import static dev.crmsuite.customer.campaign.CampaignStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignStatesTest {

    @Test
    void a_one_off_campaign_goes_draft_scheduled_sending_sent() {
        CampaignStatus s = CampaignStates.schedule(DRAFT);
        assertThat(s).isEqualTo(SCHEDULED);
        s = CampaignStates.startRun(s);
        assertThat(s).isEqualTo(SENDING);
        assertThat(CampaignStates.runDecided(s, false)).isEqualTo(SENT);
    }

    @Test
    void a_recurring_campaign_returns_to_scheduled_while_another_run_follows() {
        assertThat(CampaignStates.runDecided(SENDING, true)).isEqualTo(SCHEDULED);
        assertThat(CampaignStates.startRun(SCHEDULED)).isEqualTo(SENDING);
    }

    @Test
    void only_a_draft_is_edited_or_scheduled() {
        CampaignStates.requireEditable(DRAFT);
        for (CampaignStatus s : new CampaignStatus[] {SCHEDULED, SENDING, SENT, CANCELLED}) {
            assertThatThrownBy(() -> CampaignStates.requireEditable(s)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));
            assertThatThrownBy(() -> CampaignStates.schedule(s)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));
        }
    }

    @Test
    void cancellation_from_draft_and_scheduled_and_from_sending_only_when_recurring() {
        assertThat(CampaignStates.cancel(DRAFT, false)).isEqualTo(CANCELLED);
        assertThat(CampaignStates.cancel(SCHEDULED, true)).isEqualTo(CANCELLED);
        assertThat(CampaignStates.cancel(SENDING, true)).isEqualTo(CANCELLED);
        assertThatThrownBy(() -> CampaignStates.cancel(SENDING, false)).hasMessageContaining("being sent");
        assertThatThrownBy(() -> CampaignStates.cancel(SENT, true)).hasMessageContaining("was sent");
        assertThatThrownBy(() -> CampaignStates.cancel(CANCELLED, false)).hasMessageContaining("already cancelled");
    }

    @Test
    void a_run_of_a_campaign_cancelled_while_sending_finishes_cancelled_and_no_run_starts_otherwise() {
        assertThat(CampaignStates.runDecided(CANCELLED, false)).isEqualTo(CANCELLED);
        assertThatThrownBy(() -> CampaignStates.startRun(CANCELLED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CampaignStates.startRun(DRAFT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CampaignStates.runDecided(SENT, false)).isInstanceOf(IllegalStateException.class);
    }
}
