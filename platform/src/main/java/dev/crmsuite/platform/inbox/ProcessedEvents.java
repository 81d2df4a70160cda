package dev.crmsuite.platform.inbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crmsuite.platform.events.CloudEvent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
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
        // Plain JDBC on the transaction's connection, not a Hibernate native query with a result class:
        // Hibernate 7.4 caches such a query's interpretation under a key that never equals the next
        // call's, all in one hash bin, so each call added an entry and compared itself with up to 2,048
        // before: measured, a quarter to a third of the CPU of the gateway, loyalty and complaint
        // services during purchases. Nothing of the session needs flushing for this table.
        String json = pairs.toString();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(MARK_ALL)) {
                insert.setString(1, consumer);
                insert.setString(2, json);
                Set<String> fresh = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(rows.getString(1));
                    }
                }
                return fresh;
            }
        });
    }

    private static final String MARK_ALL = """
            insert into processed_event (consumer, event_id, event_type, processed_at)
            select ?, e ->> 0, e ->> 1, now() from jsonb_array_elements(cast(? as jsonb)) e
            on conflict do nothing returning event_id""";
}
