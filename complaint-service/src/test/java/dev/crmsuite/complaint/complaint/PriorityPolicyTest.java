package dev.crmsuite.complaint.complaint;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityPolicyTest {

    private final PriorityPolicy policy = new PriorityPolicy(
            Map.of(Category.DELIVERY, Priority.MEDIUM, Category.BILLING, Priority.HIGH, Category.OTHER, Priority.LOW), 1);

    @Test
    void category_sets_the_start() {
        assertThat(policy.derive(Category.DELIVERY, 0, null, null)).isEqualTo(Priority.MEDIUM);
        assertThat(policy.derive(Category.OTHER, 0, "C", null)).isEqualTo(Priority.LOW);
        assertThat(policy.derive(Category.STAFF, 0, null, null)).as("unconfigured category").isEqualTo(Priority.MEDIUM);
    }

    @Test
    void the_segment_boost_customer_service_sent_and_tier_a_raise_up_to_urgent() {
        assertThat(policy.derive(Category.OTHER, 1, null, null)).as("RELATIONAL: +1").isEqualTo(Priority.MEDIUM);
        assertThat(policy.derive(Category.OTHER, 2, null, null)).as("KEY_ACCOUNT: +2").isEqualTo(Priority.HIGH);
        assertThat(policy.derive(Category.DELIVERY, 2, "A", null)).isEqualTo(Priority.URGENT);
        assertThat(policy.derive(Category.BILLING, 3, "A", null)).isEqualTo(Priority.URGENT);
    }

    @Test
    void an_explicit_priority_raises_but_never_lowers() {
        assertThat(policy.derive(Category.OTHER, 0, null, Priority.HIGH)).isEqualTo(Priority.HIGH);
        assertThat(policy.derive(Category.BILLING, 1, null, Priority.LOW)).isEqualTo(Priority.URGENT);
    }
}
