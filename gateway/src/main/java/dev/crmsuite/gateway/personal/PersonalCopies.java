package dev.crmsuite.gateway.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's copy of personal data ({@code personal_copy}), kept by {@link PersonalCopyEvents}
 * from the services' personal topics and read where it is shown or sent: merged into the
 * customer-360 at read time, and into a campaign delivery's webhook at send time. Nothing personal
 * is folded into the overview's documents or event log, so a tombstone or an erasure takes effect on
 * the next read without touching them.
 */
@ApplicationScoped
public class PersonalCopies {

    /** Subscriber name and read-model name (its generation row in projection_state). */
    static final String NAME = "personal-copy";

    /** Where a personal item is looked up: what it is about, whichever customer holds it now. */
    public record Ref(String thing, String objectId) {
    }

    private final EntityManager em;

    public PersonalCopies(EntityManager em) {
        this.em = em;
    }

    /** Keeps (replaces) the record's copy; nothing for a customer already erased (caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keep(CloudEvent event) {
        PersonalRecords.Kept kept = PersonalRecords.kept(event);
        if (kept == null) {
            return;
        }
        // A record that was still on its way when the erasure came (the two topics are read apart):
        // its tombstone follows, but it must not be shown or sent meanwhile.
        em.createNativeQuery("""
                        insert into personal_copy (record_key, customer_id, thing, object_id, data, recorded_at)
                        select ?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6
                        where not exists (select 1 from personal_copy_erased where customer_id = ?2)
                        on conflict (record_key) do update set customer_id = excluded.customer_id, thing = excluded.thing,
                            object_id = excluded.object_id, data = excluded.data, recorded_at = excluded.recorded_at""")
                .setParameter(1, kept.key()).setParameter(2, kept.customerId()).setParameter(3, kept.thing())
                .setParameter(4, kept.objectId()).setParameter(5, EventJson.write(kept.data()))
                .setParameter(6, event.time()).executeUpdate();
    }

    /** A tombstone: what was kept under the key is void. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String key) {
        em.createNativeQuery("delete from personal_copy where record_key = ?1").setParameter(1, key).executeUpdate();
    }

    /** Erasure: every copy about the customer goes, and none is taken again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(CloudEvent erased) {
        String customerId = erased.subject();
        em.createNativeQuery("delete from personal_copy where customer_id = ?1").setParameter(1, customerId).executeUpdate();
        em.createNativeQuery("""
                        insert into personal_copy_erased (customer_id, erased_at) values (?1, ?2)
                        on conflict (customer_id) do nothing""")
                .setParameter(1, customerId).setParameter(2, erased.time()).executeUpdate();
    }

    /**
     * The kept fields of the items with these object ids, by (thing, object id). While a merge moves
     * an item (its new key recorded, the old one not yet tombstoned) the newer copy wins.
     */
    public Map<Ref, ObjectNode> find(Collection<String> objectIds) {
        Map<Ref, ObjectNode> found = new HashMap<>();
        if (objectIds.isEmpty()) {
            return found;
        }
        // Plain JDBC: every overview read runs this, and Hibernate's cost per native query (its result
        // mapping) was a large share of the gateway's CPU per overview (customer-service/PERFORMANCE.md
        // measured the same for search). Copies are written with native statements that run at once,
        // so there is nothing to flush first.
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select thing, object_id, cast(data as text) from personal_copy where object_id = any(?)
                    order by recorded_at, record_key""")) {
                select.setArray(1, connection.createArrayOf("text", objectIds.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(new Ref(rows.getString(1), rows.getString(2)), parse(rows.getString(3)));
                    }
                }
            }
        });
        return found;
    }

    /** The customer's profile copy (name, email, phone, postalAddress), if kept. */
    public Optional<ObjectNode> profile(String customerId) {
        return Optional.ofNullable(find(List.of(customerId)).get(new Ref("customer", customerId)));
    }

    /** Current generation of the copy (see {@link PersonalCopyEvents#generation()}). */
    long generation() {
        return ((Number) em.createNativeQuery("select generation from projection_state where name = ?1")
                .setParameter(1, NAME).getSingleResult()).longValue();
    }

    /**
     * Part of an overview rebuild: the copy reads its topics again from the beginning. It is not
     * cleared first: a campaign's webhooks read it at send time, and an empty copy would withhold
     * every delivery sent during the replay. Replaying records over it converges to the topics' state
     * (each key's records in order, tombstones included).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startReplay() {
        em.createNativeQuery("delete from processed_event where consumer = ?1").setParameter(1, NAME).executeUpdate();
        em.createNativeQuery("update projection_state set generation = generation + 1, rebuilt_at = now() where name = ?1")
                .setParameter(1, NAME).executeUpdate();
    }

    private static ObjectNode parse(String json) {
        try {
            JsonNode node = EventJson.MAPPER.readTree(json);
            return (ObjectNode) node;
        } catch (Exception e) {
            throw new IllegalStateException("corrupt personal copy", e);
        }
    }
}
