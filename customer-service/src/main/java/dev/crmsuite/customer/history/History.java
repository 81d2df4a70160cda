package dev.crmsuite.customer.history;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.sql.RowsAtCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes the change history: one row per changed field, in the transaction of the change. The actor
 * is the caller named by the gateway's internal token ({@link Callers#actor()}), or "system" for
 * rules, schedules and consumed events; no request header can set it.
 */
@ApplicationScoped
public class History {

    private static final RowsAtCommit.Table TABLE = RowsAtCommit.Table.of("customer_history", "customer_id", "uuid",
            "changed_at", "timestamptz", "actor", "text", "field", "text", "old_value", "jsonb", "new_value", "jsonb");

    @Inject
    RowsAtCommit rows;
    @Inject
    Clock clock;
    @Inject
    Callers callers;

    /** Records {@code field: old -> new} unless both are equal. Values are stored as JSON. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID customerId, String field, Object oldValue, Object newValue) {
        if (Objects.equals(oldValue, newValue)) {
            return;
        }
        // Inserted with the transaction's other history rows just before it commits (RowsAtCommit): one
        // statement for them all, and the customer is not flushed (and versioned) midway.
        rows.add(TABLE, customerId.toString(), OffsetDateTime.now(clock).toString(), callers.actor(), field,
                oldValue == null ? null : EventJson.write(oldValue), newValue == null ? null : EventJson.write(newValue));
    }

    /** Writes this transaction's history rows now, for a read of them in the same transaction (they wait for the commit otherwise). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush() {
        rows.flush(TABLE);
    }
}
