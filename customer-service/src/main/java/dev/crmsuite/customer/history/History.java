package dev.crmsuite.customer.history;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    @Inject
    EntityManager em;
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
        // Synchronised on its own table only: inserting history must not flush (and version) the customer midway.
        em.createNativeQuery("""
                        insert into customer_history (customer_id, changed_at, actor, field, old_value, new_value)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb), cast(?6 as jsonb))""")
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("customer_history")
                .setParameter(1, customerId)
                .setParameter(2, OffsetDateTime.now(clock))
                .setParameter(3, callers.actor())
                .setParameter(4, field)
                .setParameter(5, oldValue == null ? null : EventJson.write(oldValue))
                .setParameter(6, newValue == null ? null : EventJson.write(newValue))
                .executeUpdate();
    }
}
