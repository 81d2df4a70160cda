package dev.crmsuite.customer.segment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configured complaint priority boosts are checked once, at start (0 to 3 levels). */
class ServicePoliciesTest {

    @Test
    void boosts_of_zero_to_three_levels_are_accepted() {
        for (int boost = 0; boost <= ServicePolicies.MAX_PRIORITY_BOOST; boost++) {
            int b = boost;
            assertThatCode(() -> ServicePolicies.checkBoost("relational", b)).doesNotThrowAnyException();
        }
    }

    @Test
    void a_boost_outside_zero_to_three_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> ServicePolicies.checkBoost("key-account", 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("crm.customer.segment.key-account-priority-boost must be 0 to 3, is 4");
        assertThatThrownBy(() -> ServicePolicies.checkBoost("transactional", -1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transactional-priority-boost");
    }
}
