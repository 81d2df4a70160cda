package dev.crmsuite.platform.inbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crmsuite.platform.events.CloudEvent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

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

    /** A subscriber's mark for one event. */
    public record Mark(String consumer, String eventId) {
    }

    /**
     * Records several events as processed, each by the subscribers it is listed under, in one
     * statement (a consumer applying a batch in one transaction wrote one mark per event before: a
     * statement each; subscribers sharing a consumer group share the statement too); returns the
     * marks that were not there before, each once even if the batch holds an event twice. Same
     * transaction rule as {@link #markProcessed}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Mark> markAllProcessed(Map<String, List<CloudEvent>> eventsByConsumer) {
        // The marks travel as one JSON array: an event id is any string its producer chose.
        ArrayNode marks = JsonNodeFactory.instance.arrayNode();
        eventsByConsumer.forEach((consumer, events) -> events.forEach(e -> marks.addArray().add(consumer).add(e.id()).add(e.type())));
        if (marks.isEmpty()) {
            return Set.of();
        }
        // Plain JDBC on the transaction's connection, not a Hibernate native query with a result class:
        // Hibernate 7.4 caches such a query's interpretation under a key that never equals the next
        // call's, all in one hash bin, so each call added an entry and compared itself with up to 2,048
        // before: measured, a quarter to a third of the CPU of the gateway, loyalty and complaint
        // services during purchases. Nothing of the session needs flushing for this table.
        String json = marks.toString();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(MARK_ALL)) {
                insert.setString(1, json);
                Set<Mark> fresh = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(new Mark(rows.getString(1), rows.getString(2)));
                    }
                }
                return fresh;
            }
        });
    }

    private static final String MARK_ALL = """
            insert into processed_event (consumer, event_id, event_type, processed_at)
            select e ->> 0, e ->> 1, e ->> 2, now() from jsonb_array_elements(cast(? as jsonb)) e
            on conflict do nothing returning consumer, event_id""";
}
