package dev.crmsuite.platform.privacy;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventsConfig;
import dev.crmsuite.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a service puts personal data that another service needs: its compacted personal topic
 * ({@code <crm.events.topic>.personal}, e.g. {@code crm.customers.personal}).
 *
 * <p>Why a topic of its own: the domain topics are kept forever (they rebuild the customer-360), so
 * nothing personal may be written there — a name in {@code crm.customers} could never be taken
 * back. The personal topic is compacted instead: each record is keyed by what it describes
 * ({@code <customerId>/<thing>/<objectId>}), a newer record replaces the older one, and on erasure
 * the service writes a tombstone for every key it ever used for that customer, after which
 * compaction leaves nothing of the person in Kafka. Records and tombstones go through the outbox,
 * in the caller's transaction, like every event.
 *
 * <p>The keys are remembered in {@code personal_record} (not read back from the outbox, whose
 * published rows are purged by retention) so an erasure years later still finds them all.
 */
@ApplicationScoped
public class PersonalData {

    /** A thing is a short kebab-case noun: it is part of the event type and of the record key. */
    private static final Pattern THING = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final String SUFFIX = ".personal";

    private final Outbox outbox;
    private final EventsConfig config;
    private final EntityManager em;
    private final Clock clock;

    public PersonalData(Outbox outbox, EventsConfig config, EntityManager em, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    /** This service's personal topic: its event topic plus {@code .personal}. */
    public String topic() {
        return topicOf(config.topic().orElseThrow(() -> new IllegalStateException(
                "crm.events.topic is not set: this process publishes no personal data")));
    }

    /** The personal topic that belongs to an event topic. */
    public static String topicOf(String eventTopic) {
        return eventTopic + SUFFIX;
    }

    /** Whether a topic is a personal one (its records are keyed by {@link #key}, tombstones included). */
    public static boolean isPersonalTopic(String topic) {
        return topic.endsWith(SUFFIX);
    }

    /** The event type of a thing's personal record, e.g. {@code crm.complaint.personal-data-recorded.v1}. */
    public static String typeOf(String thing) {
        return "crm." + requireThing(thing) + ".personal-data-recorded.v1";
    }

    /** The record key: {@code <customerId>/<thing>/<objectId>}. */
    public static String key(UUID customerId, String thing, String objectId) {
        if (customerId == null || objectId == null || objectId.isBlank() || objectId.contains("/")) {
            throw new IllegalArgumentException("a personal record needs a customer id and an object id without '/'");
        }
        return customerId + "/" + requireThing(thing) + "/" + objectId;
    }

    /** The parts of a key written by {@link #key}; null for anything else. */
    public static RecordKey parse(String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split("/", -1);
        if (parts.length != 3 || !THING.matcher(parts[1]).matches() || parts[2].isEmpty()) {
            return null;
        }
        try {
            return new RecordKey(UUID.fromString(parts[0]), parts[1], parts[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A personal record's key, taken apart. */
    public record RecordKey(UUID customerId, String thing, String objectId) {
    }

    /**
     * Records (replaces) personal data about {@code customerId} on this service's personal topic.
     * {@code data} should carry the ids a reader joins on (e.g. {@code complaintId}) besides the
     * personal fields.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent record(UUID customerId, String thing, String objectId, Object data) {
        String key = key(customerId, thing, objectId);
        CloudEvent event = outbox.appendKeyed(topic(), key, customerId.toString(), typeOf(thing), data);
        em.createNativeQuery("""
                        insert into personal_record (record_key, topic, customer_id, recorded_at) values (?1, ?2, ?3, ?4)
                        on conflict (record_key) do update set recorded_at = excluded.recorded_at""")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("personal_record")
                .setParameter(1, key).setParameter(2, topic()).setParameter(3, customerId)
                .setParameter(4, now())
                .executeUpdate();
        return event;
    }

    /** Tombstones one key, e.g. for an object deleted, or moved to another customer by a merge. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID customerId, String thing, String objectId) {
        String key = key(customerId, thing, objectId);
        int known = em.createNativeQuery("delete from personal_record where record_key = ?1")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("personal_record")
                .setParameter(1, key).executeUpdate();
        if (known > 0) {
            tombstone(key, typeOf(thing));
        }
    }

    /**
     * Erasure: a tombstone for every key this service recorded for the customer, and the outbox rows
     * that carried their data deleted (published or not: a tombstone follows them anyway). Returns
     * how many keys were tombstoned. Call it in the erasure transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public int erase(UUID customerId) {
        List<String> keys = em.createNativeQuery("""
                        delete from personal_record where customer_id = ?1 returning record_key""")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("personal_record")
                .setParameter(1, customerId).getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        outbox.flush(); // rows this transaction appended are deleted too
        em.createNativeQuery("delete from outbox_event where topic = ?1 and event_key in (?2) and payload is not null")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("outbox_event")
                .setParameter(1, topic()).setParameterList(2, keys).executeUpdate();
        for (String key : keys) {
            RecordKey parts = parse(key);
            tombstone(key, parts == null ? "crm.personal-data.erased" : typeOf(parts.thing()));
        }
        return keys.size();
    }

    private void tombstone(String key, String type) {
        outbox.appendTombstone(topic(), key, type);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String requireThing(String thing) {
        if (thing == null || !THING.matcher(thing).matches()) {
            throw new IllegalArgumentException("thing must be kebab-case letters: " + thing);
        }
        return thing;
    }
}
