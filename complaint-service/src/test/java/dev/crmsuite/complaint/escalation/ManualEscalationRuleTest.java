package dev.crmsuite.complaint.escalation;

import dev.crmsuite.complaint.complaint.ComplaintStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Which complaints staff may escalate by hand, and what the escalation records as its reason. */
class ManualEscalationRuleTest {

    @Test
    void only_a_complaint_still_being_worked_on_escalates() {
        assertThat(Arrays.stream(ComplaintStatus.values()).filter(Escalations::escalatable))
                .containsExactlyInAnyOrder(ComplaintStatus.OPEN, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS,
                        ComplaintStatus.WAITING_ON_CUSTOMER, ComplaintStatus.REOPENED);
        assertThat(Escalations.escalatable(ComplaintStatus.RESOLVED)).isFalse();
        assertThat(Escalations.escalatable(ComplaintStatus.CLOSED)).isFalse();
    }

    @Test
    void the_reason_says_it_was_manual_and_by_whom() {
        assertThat(Escalations.manualReason("dina", "  Customer threatens to cancel the contract "))
                .isEqualTo("escalated manually by dina: Customer threatens to cancel the contract");
    }
}
