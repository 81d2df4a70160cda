package dev.crmsuite.platform.inbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crmsuite.platform.events.CloudEvent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Records several events as processed by {@code consumer} in one statement (a consumer applying
     * a batch in one transaction wrote one mark per event before: a statement each); returns the ids
     * that were not processed before, each once even if the batch holds it twice. Same transaction
     * rule as {@link #markProcessed}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> markAllProcessed(String consumer, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        // The ids and types travel as one JSON array: an event id is any string its producer chose.
        ArrayNode pairs = JsonNodeFactory.instance.arrayNode();
        events.forEach(e -> pairs.addArray().add(e.id()).add(e.type()));
        @SuppressWarnings("unchecked")
        List<String> fresh = em.createNativeQuery("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        select ?1, e ->> 0, e ->> 1, now() from jsonb_array_elements(cast(?2 as jsonb)) e
                        on conflict do nothing returning event_id""", String.class)
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("processed_event")
                .setParameter(1, consumer)
                .setParameter(2, pairs.toString())
                .getResultList();
        return new HashSet<>(fresh);
    }
}
