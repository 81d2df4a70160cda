package dev.crmsuite.customer.merge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Merges lock their two customers in PostgreSQL's uuid order (unsigned bytes), not UUID.compareTo's. */
class MergeLockOrderTest {

    @Test
    void ids_are_ordered_as_postgresql_orders_uuids() {
        // sorted as PostgreSQL sorts them (select ... order by id): byte by byte, unsigned
        List<UUID> database = List.of(
                UUID.fromString("00000000-0000-0000-0000-000000000000"),
                UUID.fromString("10000000-0000-0000-0000-000000000000"),
                UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"),
                UUID.fromString("80000000-0000-0000-0000-000000000000"),
                UUID.fromString("f0000000-0000-0000-0000-000000000000"),
                UUID.fromString("f0000000-0000-0000-1000-000000000000"),
                UUID.fromString("f0000000-0000-0000-f000-000000000000"),
                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        List<UUID> shuffled = new ArrayList<>(database.reversed());
        shuffled.sort(Merges.DATABASE_ORDER);
        assertThat(shuffled).containsExactlyElementsOf(database);
        // UUID.compareTo, which the merge used, puts f0... before 10...
        assertThat(database.get(4).compareTo(database.get(1))).isNegative();
    }
}
