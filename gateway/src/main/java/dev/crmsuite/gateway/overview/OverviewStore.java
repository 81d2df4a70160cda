package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The gateway's customer-360 tables: the event log it was built from and the current document. */
@ApplicationScoped
public class OverviewStore {

    @Inject
    EntityManager em;

    /** Logs the event and folds it into the customer's document (caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(CloudEvent event) {
        ObjectNode probe = OverviewProjection.empty(event.subject());
        if (!OverviewProjection.apply(probe, event)) {
            return; // not an event the overview shows: nothing to keep
        }
        em.createNativeQuery("""
                        insert into overview_event (event_id, customer_id, event_type, event_time, payload)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb))""")
                .setParameter(1, event.id()).setParameter(2, event.subject()).setParameter(3, event.type())
                .setParameter(4, event.time()).setParameter(5, EventJson.write(event))
                .executeUpdate();
        // Lock the row (or its absence) so two events of one customer never interleave their read-modify-write.
        ObjectNode doc = current(event.subject(), true).orElseGet(() -> OverviewProjection.empty(event.subject()));
        OverviewProjection.apply(doc, event);
        em.createNativeQuery("""
                        insert into customer_overview (customer_id, version, document, updated_at)
                        values (?1, 1, cast(?2 as jsonb), now())
                        on conflict (customer_id) do update
                        set document = excluded.document, version = customer_overview.version + 1, updated_at = now()""")
                .setParameter(1, event.subject()).setParameter(2, EventJson.write(doc))
                .executeUpdate();
    }

    public Optional<ObjectNode> current(String customerId, boolean forUpdate) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select cast(document as text) from customer_overview where customer_id = ?1"
                        + (forUpdate ? " for update" : ""))
                .setParameter(1, customerId).getResultList();
        return rows.stream().findFirst().map(OverviewStore::parseObject);
    }

    /** The document as it was at {@code asOf}: the customer's logged events up to then, replayed in order. */
    public Optional<ObjectNode> asOf(String customerId, OffsetDateTime asOf) {
        @SuppressWarnings("unchecked")
        List<String> events = em.createNativeQuery("""
                        select cast(payload as text) from overview_event
                        where customer_id = ?1 and event_time <= ?2 order by event_time, seq""")
                .setParameter(1, customerId).setParameter(2, asOf).getResultList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = OverviewProjection.empty(customerId);
        events.forEach(json -> OverviewProjection.apply(doc, EventJson.parse(json)));
        return Optional.of(doc);
    }

    public long eventCount(String customerId) {
        return ((Number) em.createNativeQuery("select count(*) from overview_event where customer_id = ?1")
                .setParameter(1, customerId).getSingleResult()).longValue();
    }

    private static ObjectNode parseObject(String json) {
        try {
            return (ObjectNode) EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("corrupt overview document", e);
        }
    }
}
