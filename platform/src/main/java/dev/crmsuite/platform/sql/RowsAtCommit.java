package dev.crmsuite.platform.sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of append-only tables (the outbox, a change history, a timeline) that a transaction adds,
 * inserted just before it commits: one statement for all of them however many rows and tables, after
 * Hibernate has flushed the entities. A purchase appended three events, two history rows and two
 * timeline entries with seven inserts; now with one. Rows keep the order they were added in (a
 * table's sequence follows it).
 *
 * <p>Until then the rows are not in the table: a statement of the same transaction that reads or
 * changes a table and must see them (an erasure blanking a history, a merge moving a timeline)
 * calls {@link #flush(Table)} for it first.
 *
 * <p>Hand-rolled, not entities with JDBC batching: the driver sends a batch of three rows as two
 * statements, and most readers of these tables are native queries that need no entity.
 */
@ApplicationScoped
public class RowsAtCommit {

    /** A table rows are added to: its name and columns with their SQL types, e.g. {@code uuid}, {@code jsonb}. */
    public record Table(String name, Map<String, String> columnTypes) {

        public Table {
            columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        }

        /** Columns and types in order: {@code "id", "uuid", "payload", "jsonb", ...}. */
        public static Table of(String name, String... columnsAndTypes) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 0; i + 1 < columnsAndTypes.length; i += 2) {
                columns.put(columnsAndTypes[i], columnsAndTypes[i + 1]);
            }
            return new Table(name, columns);
        }

        /** One insert of any number of rows: each column arrives as a text array, cast to its type. */
        String insert() {
            return "insert into " + name + " (" + String.join(", ", columnTypes.keySet()) + ") select * from unnest("
                    + columnTypes.values().stream().map(type -> "cast(? as " + type + "[])").collect(Collectors.joining(", ")) + ")";
        }

        /**
         * The inserts of several tables as one statement (all but the last in data-modifying
         * {@code WITH} parts): one round trip however many tables. Foreign keys between them hold,
         * as PostgreSQL checks them at the end of the statement.
         */
        static String insertAll(List<Table> tables) {
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < tables.size() - 1; i++) {
                sql.append(i == 0 ? "with " : ", ").append("w").append(i).append(" as (").append(tables.get(i).insert()).append(") ");
            }
            return sql.append(tables.getLast().insert()).toString();
        }
    }

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;

    public RowsAtCommit(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
    }

    /**
     * Adds a row: its values as text in the table's column order (null for SQL null; each is cast to
     * its column's type). Returns true for the first row of {@code table} in this transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(Table table, String... values) {
        if (values.length != table.columnTypes().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columnTypes().size() + " columns, got " + values.length + " values");
        }
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
            em.unwrap(SharedSessionContractImplementor.class).getTransactionCompletionCallbacks()
                    .registerCallback((TransactionCompletionCallbacks.BeforeCompletionCallback) pending::write);
        }
        return pending.add(table, values);
    }

    /** Inserts the rows this transaction added to {@code table} so far, now (the others still wait for the commit). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush(Table table) {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending != null) {
            pending.write(em.unwrap(SharedSessionContractImplementor.class), table);
        }
    }

    /**
     * Inserts rows now (values as for {@link #add}; each table's rows in its entry's order), all
     * tables with one statement: for a batch whose rows the rest of the transaction reads (the
     * purchases, ledger entries and lots of a batch of purchases).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertNow(Map<Table, List<String[]>> rowsByTable) {
        rowsByTable.forEach((table, rows) -> {
            for (String[] values : rows) {
                if (values.length != table.columnTypes().size()) {
                    throw new IllegalArgumentException(table.name() + " has " + table.columnTypes().size() + " columns, got "
                            + values.length + " values");
                }
            }
        });
        insert(em.unwrap(SharedSessionContractImplementor.class), rowsByTable);
    }

    private static void insert(SharedSessionContractImplementor session, Map<Table, List<String[]>> rowsByTable) {
        List<Map.Entry<Table, List<String[]>>> filled = rowsByTable.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList();
        if (filled.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(Table.insertAll(filled.stream().map(Map.Entry::getKey).toList()))) {
                int parameter = 1;
                for (Map.Entry<Table, List<String[]>> entry : filled) {
                    List<String[]> rows = entry.getValue();
                    for (int column = 0; column < entry.getKey().columnTypes().size(); column++) {
                        Object[] values = new Object[rows.size()];
                        for (int row = 0; row < values.length; row++) {
                            values[row] = rows.get(row)[column];
                        }
                        insert.setArray(parameter++, connection.createArrayOf("text", values));
                    }
                }
                insert.executeUpdate();
            }
        });
    }

    /** A transaction's rows not inserted yet, per table in the order the tables were first used. */
    private static final class Pending {
        private final Map<Table, List<String[]>> rows = new LinkedHashMap<>();
        private final java.util.Set<Table> used = new java.util.HashSet<>();

        boolean add(Table table, String[] values) {
            rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
            return used.add(table);
        }

        /** Every table's rows (just before the commit), with one statement. */
        void write(SharedSessionContractImplementor session) {
            Map<Table, List<String[]>> all = new LinkedHashMap<>(rows);
            rows.clear();
            insert(session, all);
        }

        void write(SharedSessionContractImplementor session, Table table) {
            List<String[]> added = rows.remove(table);
            if (added != null) {
                insert(session, Map.of(table, added));
            }
        }
    }
}
