package dev.crmsuite.platform.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowsAtCommitTest {

    @Test
    void a_table_inserts_all_its_rows_with_one_statement_of_typed_arrays_in_column_order() {
        RowsAtCommit.Table table = RowsAtCommit.Table.of("customer_history", "customer_id", "uuid", "changed_at", "timestamptz",
                "new_value", "jsonb");
        assertThat(table.insert()).isEqualTo("insert into customer_history (customer_id, changed_at, new_value) select * from unnest("
                + "cast(? as uuid[]), cast(? as timestamptz[]), cast(? as jsonb[]))");
    }

    @Test
    void several_tables_insert_with_one_statement_all_but_the_last_in_with_parts_parameters_in_table_order() {
        RowsAtCommit.Table entries = RowsAtCommit.Table.of("ledger_entry", "id", "uuid", "points", "bigint");
        RowsAtCommit.Table lots = RowsAtCommit.Table.of("point_lot", "id", "uuid", "entry_id", "uuid");
        RowsAtCommit.Table outbox = RowsAtCommit.Table.of("outbox_event", "id", "uuid");
        assertThat(RowsAtCommit.Table.insertAll(java.util.List.of(entries, lots, outbox))).isEqualTo(
                "with w0 as (insert into ledger_entry (id, points) select * from unnest(cast(? as uuid[]), cast(? as bigint[]))) "
                        + ", w1 as (insert into point_lot (id, entry_id) select * from unnest(cast(? as uuid[]), cast(? as uuid[]))) "
                        + "insert into outbox_event (id) select * from unnest(cast(? as uuid[]))");
        assertThat(RowsAtCommit.Table.insertAll(java.util.List.of(outbox))).isEqualTo(outbox.insert());
    }

    @Test
    void tables_with_the_same_name_and_columns_are_one_table() {
        // rows are collected per table in a map: two constants describing one table must share their rows
        assertThat(RowsAtCommit.Table.of("t", "a", "text")).isEqualTo(RowsAtCommit.Table.of("t", "a", "text"));
        assertThat(RowsAtCommit.Table.of("t", "a", "text")).isNotEqualTo(RowsAtCommit.Table.of("t", "a", "uuid"));
    }
}
