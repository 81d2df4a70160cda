package dev.crmsuite.customer.campaign;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HoldoutTest {

    static List<UUID> customers(int n, long seed) {
        Random r = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new UUID(r.nextLong(), r.nextLong()));
        }
        return ids;
    }

    @Test
    void the_same_seed_holds_out_the_same_customers_in_any_order() {
        List<UUID> ids = customers(2_000, 1);
        List<UUID> first = ids.stream().filter(id -> Holdout.heldOut(42L, id, 0.1)).toList();
        List<UUID> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        List<UUID> again = reversed.stream().filter(id -> Holdout.heldOut(42L, id, 0.1)).toList();
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
        assertThat(Holdout.position(42L, ids.getFirst())).isEqualTo(Holdout.position(42L, ids.getFirst()));
    }

    @Test
    void another_seed_draws_another_holdout() {
        List<UUID> ids = customers(2_000, 2);
        List<UUID> a = ids.stream().filter(id -> Holdout.heldOut(1L, id, 0.1)).toList();
        List<UUID> b = ids.stream().filter(id -> Holdout.heldOut(2L, id, 0.1)).toList();
        assertThat(a).isNotEqualTo(b);
        // Two independent 10 % draws overlap in about 1 % of customers, far from all of them.
        assertThat(a.stream().filter(b::contains).count()).isLessThan(a.size() / 3);
    }

    @Test
    void the_share_held_out_is_the_configured_share_within_tolerance() {
        List<UUID> ids = customers(20_000, 3);
        for (double share : new double[] {0.05, 0.1, 0.25, 0.5}) {
            long held = ids.stream().filter(id -> Holdout.heldOut(7L, id, share)).count();
            // Binomial standard deviation at n = 20,000 is at most 0.0035; 4 sigma.
            assertThat(held / 20_000.0).isCloseTo(share, org.assertj.core.data.Offset.offset(0.014));
        }
        assertThat(ids.stream().filter(id -> Holdout.heldOut(7L, id, 0)).count()).isZero();
    }

    @Test
    void sequential_ids_are_spread_too() {
        long held = 0;
        for (int i = 0; i < 10_000; i++) {
            if (Holdout.heldOut(99L, new UUID(0, i), 0.2)) {
                held++;
            }
        }
        assertThat(held / 10_000.0).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.02));
    }
}
