package dev.crmsuite.complaint.complaint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.crmsuite.complaint.complaint.ComplaintAction.*;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state machine alone, without Quarkus. */
class ComplaintLifecycleTest {

    @Test
    void the_happy_path_runs_from_open_to_closed() {
        ComplaintStatus s = OPEN;
        s = ComplaintLifecycle.next(s, ACKNOWLEDGE);
        assertThat(s).isEqualTo(ACKNOWLEDGED);
        s = ComplaintLifecycle.next(s, START);
        assertThat(s).isEqualTo(IN_PROGRESS);
        s = ComplaintLifecycle.next(s, WAIT_ON_CUSTOMER);
        assertThat(s).isEqualTo(WAITING_ON_CUSTOMER);
        s = ComplaintLifecycle.next(s, START);
        assertThat(s).isEqualTo(IN_PROGRESS);
        s = ComplaintLifecycle.next(s, RESOLVE);
        assertThat(s).isEqualTo(RESOLVED);
        s = ComplaintLifecycle.next(s, CLOSE);
        assertThat(s).isEqualTo(CLOSED);
        s = ComplaintLifecycle.next(s, REOPEN);
        assertThat(s).isEqualTo(REOPENED);
        assertThat(ComplaintLifecycle.next(s, START)).isEqualTo(IN_PROGRESS);
        assertThat(ComplaintLifecycle.next(RESOLVED, REOPEN)).isEqualTo(REOPENED);
    }

    @Test
    void allowed_actions_per_status() {
        assertThat(ComplaintLifecycle.allowed(OPEN)).containsExactly(ACKNOWLEDGE);
        assertThat(ComplaintLifecycle.allowed(ACKNOWLEDGED)).containsExactly(START);
        assertThat(ComplaintLifecycle.allowed(IN_PROGRESS)).containsExactly(WAIT_ON_CUSTOMER, RESOLVE);
        assertThat(ComplaintLifecycle.allowed(WAITING_ON_CUSTOMER)).containsExactly(START);
        assertThat(ComplaintLifecycle.allowed(RESOLVED)).containsExactly(REOPEN, CLOSE);
        assertThat(ComplaintLifecycle.allowed(CLOSED)).containsExactly(REOPEN);
        assertThat(ComplaintLifecycle.allowed(REOPENED)).containsExactly(START);
    }

    @Test
    void every_move_not_in_the_table_is_refused_with_the_allowed_ones() {
        int refused = 0;
        for (ComplaintStatus from : ComplaintStatus.values()) {
            List<ComplaintAction> allowed = ComplaintLifecycle.allowed(from);
            for (ComplaintAction action : ComplaintAction.values()) {
                if (allowed.contains(action)) {
                    continue;
                }
                refused++;
                assertThatThrownBy(() -> ComplaintLifecycle.next(from, action))
                        .isInstanceOfSatisfying(ComplaintLifecycle.IllegalTransition.class, e -> {
                            assertThat(e.from).isEqualTo(from);
                            assertThat(e.allowed).isEqualTo(allowed);
                        });
            }
        }
        assertThat(refused).isEqualTo(7 * 6 - 9);
    }

    @Test
    void a_resolved_complaint_cannot_be_resolved_again_and_an_open_one_cannot_be_closed() {
        assertThatThrownBy(() -> ComplaintLifecycle.next(RESOLVED, RESOLVE)).hasMessageContaining("allowed: reopen, close");
        assertThatThrownBy(() -> ComplaintLifecycle.next(OPEN, CLOSE)).hasMessageContaining("allowed: acknowledge");
    }
}
