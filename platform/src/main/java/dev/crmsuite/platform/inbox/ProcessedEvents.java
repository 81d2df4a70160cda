package dev.crmsuite.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The inbox half of exactly-once-in-effect: which events each subscriber has already applied. */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    EntityManager em;

    /**
     * Records the event as processed by {@code consumer}; false if it already was. Runs in the
     * caller's transaction, so the mark commits or rolls back together with the effect.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, String eventId, String eventType) {
        return em.createNativeQuery("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        values (?1, ?2, ?3, now()) on conflict do nothing""")
                // Declares the one table this insert touches, so Hibernate does not flush the whole
                // session before it (a native query otherwise counts as touching every table).
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("processed_event")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, eventType)
                .executeUpdate() == 1;
    }
}
