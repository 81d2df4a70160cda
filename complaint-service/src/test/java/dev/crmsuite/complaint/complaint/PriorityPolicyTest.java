package dev.crmsuite.complaint.complaint;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityPolicyTest {

    private final PriorityPolicy policy = new PriorityPolicy(
            Map.of(Category.DELIVERY, Priority.MEDIUM, Category.BILLING, Priority.HIGH, Category.OTHER, Priority.LOW), 1, 1);

    @Test
    void category_sets_the_start() {
        assertThat(policy.derive(Category.DELIVERY, null, null, null)).isEqualTo(Priority.MEDIUM);
        assertThat(policy.derive(Category.OTHER, "TRANSACTIONAL", "C", null)).isEqualTo(Priority.LOW);
        assertThat(policy.derive(Category.STAFF, null, null, null)).as("unconfigured category").isEqualTo(Priority.MEDIUM);
    }

    @Test
    void key_accounts_and_tier_a_are_boosted_up_to_urgent() {
        assertThat(policy.derive(Category.DELIVERY, "KEY_ACCOUNT", null, null)).isEqualTo(Priority.HIGH);
        assertThat(policy.derive(Category.DELIVERY, "KEY_ACCOUNT", "A", null)).isEqualTo(Priority.URGENT);
        assertThat(policy.derive(Category.BILLING, "KEY_ACCOUNT", "A", null)).isEqualTo(Priority.URGENT);
    }

    @Test
    void an_explicit_priority_raises_but_never_lowers() {
        assertThat(policy.derive(Category.OTHER, null, null, Priority.HIGH)).isEqualTo(Priority.HIGH);
        assertThat(policy.derive(Category.BILLING, "KEY_ACCOUNT", null, Priority.LOW)).isEqualTo(Priority.URGENT);
    }
}
