package dev.crmsuite.loyalty.ledger;

import dev.crmsuite.loyalty.ledger.LoyaltyEvents.ExpiringNext;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The earliest expiry a batch of credits keeps up to date without asking the database after each. */
class ExpiringNextTest {

    private static final OffsetDateTime DAY = OffsetDateTime.of(2028, 12, 4, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void the_first_lot_sets_the_day_and_its_points() {
        assertThat(Ledger.withLot(null, 120, DAY)).isEqualTo(new ExpiringNext(120, LocalDate.of(2028, 12, 4)));
    }

    @Test
    void a_lot_expiring_the_same_utc_day_adds_its_points_even_at_another_hour_or_offset() {
        ExpiringNext next = Ledger.withLot(null, 120, DAY);
        next = Ledger.withLot(next, 10, DAY.withHour(23).withMinute(59));
        next = Ledger.withLot(next, 5, OffsetDateTime.of(2028, 12, 5, 1, 0, 0, 0, ZoneOffset.ofHours(8))); // 17:00 UTC on the 4th
        assertThat(next).isEqualTo(new ExpiringNext(135, LocalDate.of(2028, 12, 4)));
    }

    @Test
    void an_earlier_day_replaces_the_day_and_a_later_one_changes_nothing() {
        ExpiringNext next = Ledger.withLot(null, 120, DAY);
        assertThat(Ledger.withLot(next, 7, DAY.plusDays(1))).isEqualTo(next);
        assertThat(Ledger.withLot(next, 7, DAY.minusDays(1))).isEqualTo(new ExpiringNext(7, LocalDate.of(2028, 12, 3)));
    }
}
