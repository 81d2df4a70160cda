package dev.crmsuite.gateway.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
        if (objectIds.isEmpty()) {
            return new HashMap<>();
        }
        // Plain JDBC (an overview as of a past time; the current one reads copiesSql inside its own
        // statement): Hibernate's cost per native query (its result mapping) was a large share
        // of the gateway's CPU per overview (customer-service/PERFORMANCE.md measured the same for
        // search). Copies are written with native statements that run at once, so nothing to flush.
        return JdbcStatement.of("select " + copiesSql("cast(?1 as text[])"), List.of(JdbcStatement.textArray(objectIds)))
                .list(em, row -> copies(row.getString(1))).getFirst();
    }

    /**
     * A scalar sub-select (in parentheses) giving the copies of the object ids in the SQL text[]
     * expression {@code objectIds}, as the text that {@link #copies} reads: for a statement that
     * reads them together with what names them (the customer-360 read takes one statement for its
     * document, the partner consent and these).
     */
    public static String copiesSql(String objectIds) {
        return """
                (select cast(coalesce(json_agg(json_build_array(thing, object_id, data) order by recorded_at, record_key), '[]') as text)
                 from personal_copy where object_id = any(%s))""".formatted(objectIds);
    }

    /** What {@link #copiesSql} gave, by (thing, object id); in its order, so the newer copy of an item wins. */
    public static Map<Ref, ObjectNode> copies(String json) {
        Map<Ref, ObjectNode> found = new HashMap<>();
        for (JsonNode copy : parse(json)) {
            if (!(copy.get(2) instanceof ObjectNode data)) {
                throw new IllegalStateException("corrupt personal copy of " + copy.path(0).asText() + " " + copy.path(1).asText());
            }
            found.put(new Ref(copy.get(0).asText(), copy.get(1).asText()), data);
        }
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

    private static JsonNode parse(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("corrupt personal copies", e);
        }
    }
}
