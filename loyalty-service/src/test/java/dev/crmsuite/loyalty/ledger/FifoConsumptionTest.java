package dev.crmsuite.loyalty.ledger;

import dev.crmsuite.loyalty.ledger.FifoConsumption.OpenLot;
import dev.crmsuite.loyalty.ledger.FifoConsumption.Take;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FifoConsumptionTest {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    final OpenLot oldest = new OpenLot(UUID.randomUUID(), T0, 100);
    final OpenLot middle = new OpenLot(UUID.randomUUID(), T0.plusDays(10), 50);
    final OpenLot newest = new OpenLot(UUID.randomUUID(), T0.plusDays(20), 200);

    @Test
    void takes_the_oldest_lots_first_whatever_order_they_come_in() {
        List<Take> plan = FifoConsumption.plan(List.of(newest, oldest, middle), 130, null);
        assertThat(plan).containsExactly(new Take(oldest.id(), 100), new Take(middle.id(), 30));
    }

    @Test
    void an_exact_fit_empties_lots_without_touching_the_next() {
        assertThat(FifoConsumption.plan(List.of(oldest, middle, newest), 150, null))
                .containsExactly(new Take(oldest.id(), 100), new Take(middle.id(), 50));
    }

    @Test
    void a_preferred_lot_goes_first() {
        assertThat(FifoConsumption.plan(List.of(oldest, middle, newest), 220, newest.id()))
                .containsExactly(new Take(newest.id(), 200), new Take(oldest.id(), 20));
    }

    @Test
    void never_plans_more_than_the_lots_hold() {
        List<Take> plan = FifoConsumption.plan(List.of(oldest, middle), 1_000, null);
        assertThat(plan.stream().mapToLong(Take::points).sum()).isEqualTo(150);
    }

    @Test
    void refuses_a_non_positive_amount() {
        assertThatThrownBy(() -> FifoConsumption.plan(List.of(oldest), 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
