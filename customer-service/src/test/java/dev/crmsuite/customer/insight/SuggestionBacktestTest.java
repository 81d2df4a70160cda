package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.insight.SuggestionBacktest.CustomerBaskets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history where the answer is known: 4 customers bought {TV, MOUNT} and then HDMI, 4 bought {TV, HDMI}
 * and then MOUNT, 6 bought SNACK and then {SNACK, SODA} (SODA never seen before: nobody can guess it),
 * 5 bought {A, B, C} and then A (nothing new: left out). Training baskets: TV 8, SNACK 6, A/B/C 5, HDMI 4,
 * MOUNT 4. The rule TV -> HDMI (4 of 8, lift 1.75) finds the TV buyers' next product at once; the popular
 * baseline offers SNACK, A, B before it, so only at 5.
 */
class SuggestionBacktestTest {

    static void add(List<CustomerBaskets> to, int n, Set<String> first, Set<String> last) {
        for (int i = 0; i < n; i++) {
            to.add(new CustomerBaskets(UUID.randomUUID(), null, List.of(first, last)));
        }
    }

    @Test
    void hit_rates_at_3_and_5_against_the_most_popular_baseline() {
        List<CustomerBaskets> history = new ArrayList<>();
        add(history, 4, Set.of("TV", "MOUNT"), Set.of("HDMI"));
        add(history, 4, Set.of("TV", "HDMI"), Set.of("MOUNT"));
        add(history, 6, Set.of("SNACK"), Set.of("SNACK", "SODA"));
        add(history, 5, Set.of("A", "B", "C"), Set.of("A"));
        SuggestionBacktest.Result r = SuggestionBacktest.run(history, 2);
        assertThat(r.customers()).isEqualTo(14);
        // 8 of 14 at 3 and at 5
        assertThat(r.hitRateAt3()).isEqualByComparingTo("0.571");
        assertThat(r.hitRateAt5()).isEqualByComparingTo("0.571");
        // the baseline: none at 3 (SNACK, A, B for the TV buyers; TV, A, B for the snack buyers), the TV buyers at 5
        assertThat(r.baselineAt3()).isEqualByComparingTo("0.000");
        assertThat(r.baselineAt5()).isEqualByComparingTo("0.571");
    }
}
