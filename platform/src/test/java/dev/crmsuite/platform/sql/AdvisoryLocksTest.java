package dev.crmsuite.platform.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AdvisoryLocksTest {

    @Test
    void names_are_locked_once_each_in_one_order_whatever_order_they_came_in() {
        // Two transactions locking {b, a} and {a, b} must take them in the same order, or they deadlock.
        assertThat(AdvisoryLocks.order(List.of("b@x.test", "a@x.test", "b@x.test"))).containsExactly("a@x.test", "b@x.test");
        assertThat(AdvisoryLocks.order(List.of("a@x.test", "b@x.test"))).isEqualTo(AdvisoryLocks.order(List.of("b@x.test", "a@x.test")));
    }

    @Test
    void a_missing_name_is_a_programming_error_not_a_lock_on_nothing() {
        assertThatNullPointerException().isThrownBy(() -> AdvisoryLocks.order(java.util.Arrays.asList("a", null)));
    }
}
