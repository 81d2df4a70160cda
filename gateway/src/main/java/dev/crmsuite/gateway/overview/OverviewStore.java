package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.personal.PersonalCopies;
import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The gateway's customer-360 tables: the event log it was built from and the current document. */
@ApplicationScoped
public class OverviewStore {

    static final String NAME = "customer-overview";
    /** Events that rewrite the customer's log (and another customer's) rather than add to it. */
    private static final Set<String> REWRITES_LOG = Set.of("crm.customer.erased.v1", "crm.customer.merged.v1");

    @Inject
    EntityManager em;
    @Inject
    PersonalCopies personal;

    /** Logs the event and folds it into the customer's document (caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(CloudEvent event) {
        if (!OverviewProjection.shows(event.type())) {
            return; // not an event the overview shows: nothing to keep
        }
        String customerId = event.subject();
        // Lock the row (or its absence) so two events of one customer never interleave their read-modify-write.
        Optional<ObjectNode> current = lockedCurrent(customerId);
        switch (event.type()) {
            case "crm.customer.erased.v1" -> {
                // Personal data leaves the log too; only the fact of the erasure stays.
                em.createNativeQuery("delete from overview_event where customer_id = ?1")
                        .setParameter(1, customerId).executeUpdate();
                log(event);
                ObjectNode doc = OverviewProjection.empty(customerId);
                OverviewProjection.apply(doc, event);
                save(customerId, doc);
            }
            case "crm.customer.merged.v1" -> {
                String source = event.data().path("sourceCustomerId").asText();
                lockedCurrent(source);
                em.createNativeQuery("update overview_event set customer_id = ?1 where customer_id = ?2")
                        .setParameter(1, customerId).setParameter(2, source).executeUpdate();
                log(event);
                save(customerId, replay(customerId, null));
                ObjectNode tombstone = OverviewProjection.empty(source);
                tombstone.put("mergedInto", customerId);
                save(source, tombstone);
            }
            default -> {
                ObjectNode doc = current.orElseGet(() -> OverviewProjection.empty(customerId));
                OverviewProjection.apply(doc, event);
                logAndSave(event, customerId, doc);
            }
        }
    }

    /**
     * {@link #record} for several events in one transaction, with two statements for the usual batch
     * however many events and customers it has: one locks and reads every document the batch
     * touches, one logs the events and writes the documents back. A purchase's three or four events
     * took eight statements one by one. A batch with an erasure or a merge, which rewrite the log,
     * is recorded one event at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<CloudEvent> events) {
        List<CloudEvent> shown = events.stream().filter(e -> OverviewProjection.shows(e.type())).toList();
        if (shown.isEmpty()) {
            return;
        }
        if (shown.size() == 1 || shown.stream().anyMatch(e -> REWRITES_LOG.contains(e.type()))) {
            shown.forEach(this::record);
            return;
        }
        SortedSet<String> customerIds = shown.stream().map(CloudEvent::subject).collect(Collectors.toCollection(TreeSet::new));
        Map<String, ObjectNode> documents = lockedCurrent(customerIds);
        ArrayNode logged = EventJson.MAPPER.createArrayNode();
        for (CloudEvent event : shown) {
            OverviewProjection.apply(documents.computeIfAbsent(event.subject(), OverviewProjection::empty), event);
            CloudEvent kept = OverviewProjection.logged(event);
            logged.addObject().put("n", logged.size()).put("id", kept.id()).put("customer_id", kept.subject()).put("type", kept.type())
                    .put("time", kept.time().toString()).set("payload", EventJson.MAPPER.valueToTree(kept));
        }
        ArrayNode saved = EventJson.MAPPER.createArrayNode();
        documents.forEach((customerId, doc) -> saved.addObject().put("customer_id", customerId).set("document", doc));
        em.createNativeQuery("""
                        with logged as (
                            insert into overview_event (event_id, customer_id, event_type, event_time, payload)
                            select e.id, e.customer_id, e.type, e.time, e.payload
                            from jsonb_to_recordset(cast(?1 as jsonb))
                                 as e(n int, id text, customer_id text, type text, time timestamptz, payload jsonb)
                            order by e.n)
                        insert into customer_overview (customer_id, version, document, updated_at)
                        select d.customer_id, 1, d.document, now()
                        from jsonb_to_recordset(cast(?2 as jsonb)) as d(customer_id text, document jsonb)
                        on conflict (customer_id) do update
                        set document = excluded.document, version = customer_overview.version + 1, updated_at = now()""")
                .setParameter(1, EventJson.write(logged)).setParameter(2, EventJson.write(saved))
                .executeUpdate();
    }

    /** {@link #current}'s statement (built once: it is the same for every customer). */
    private static final String CURRENT_SQL = """
            select cast(o.document as text), %s, ids.looked_up, %s
            from customer_overview o
            cross join lateral (select array(select o.customer_id union %s) as looked_up offset 0) ids
            where o.customer_id = ?1""".formatted(PartnerConsents.visibleSql("o.customer_id"),
            PersonalCopies.copiesSql("ids.looked_up"), OverviewPersonalFields.idsSql("o.document"));

    /**
     * The current document with what a read shows beside it: whether partners may see the customer
     * and the personal copies the document names. One statement: these were three, one after the
     * other, and at a million customers each was a round trip and a backend wake-up on the 2 cores
     * the reads share. ({@code offset 0} keeps the ids one sub-query: pulled up, PostgreSQL computed
     * them twice, once per use; checked with EXPLAIN.)
     */
    public Optional<CurrentRead> current(String customerId) {
        // plain JDBC, as PersonalCopies.find: the document is written by native statements that run at once
        return JdbcStatement.of(CURRENT_SQL, List.of(customerId))
                .list(em, row -> {
                    ObjectNode document = parseObject(row.getString(1));
                    Set<String> lookedUp = Set.of((String[]) row.getArray(3).getArray());
                    Map<PersonalCopies.Ref, ObjectNode> copies = PersonalCopies.copies(row.getString(4));
                    return new CurrentRead(document, row.getBoolean(2), lookedUp, copies);
                })
                .stream().findFirst().map(this::withEveryCopy);
    }

    /** {@link #current}'s answer: the document, the partner consent and the personal copies it names. */
    public record CurrentRead(ObjectNode document, boolean sharedWithPartners, Set<String> lookedUp,
                              Map<PersonalCopies.Ref, ObjectNode> copies) {
    }

    /**
     * The statement looks copies up by the id fields it finds anywhere in the document; which ones
     * are shown is decided in Java ({@link OverviewPersonalFields#objectIds}). Should the two ever
     * disagree, the ids the statement missed are looked up here, so a read is never short of a copy.
     */
    private CurrentRead withEveryCopy(CurrentRead read) {
        Set<String> missing = new HashSet<>(OverviewPersonalFields.objectIds(read.document()));
        missing.removeAll(read.lookedUp());
        if (missing.isEmpty()) {
            return read;
        }
        Map<PersonalCopies.Ref, ObjectNode> copies = new HashMap<>(read.copies());
        copies.putAll(personal.find(missing));
        return new CurrentRead(read.document(), read.sharedWithPartners(), read.lookedUp(), copies);
    }

    /** The document as it was at {@code asOf}: the customer's logged events up to then, replayed in order. */
    public Optional<ObjectNode> asOf(String customerId, OffsetDateTime asOf) {
        ObjectNode doc = replay(customerId, asOf);
        return doc.size() > 1 ? Optional.of(doc) : Optional.empty();
    }

    public long eventCount(String customerId) {
        return ((Number) em.createNativeQuery("select count(*) from overview_event where customer_id = ?1")
                .setParameter(1, customerId).getSingleResult()).longValue();
    }

    /** Current generation of the read model (see {@link OverviewEvents#generation()}). */
    public long generation() {
        return ((Number) em.createNativeQuery("select generation from projection_state where name = ?1")
                .setParameter(1, NAME).getSingleResult()).longValue();
    }

    /**
     * Clears the read model and bumps its generation: every replica's consumer then reads the
     * topics again from the beginning and rebuilds the same documents. The personal copy replays
     * the personal topics too ({@link PersonalCopies#startReplay}).
     */
    @Transactional
    public long startRebuild() {
        personal.startReplay();
        // Truncated, not deleted: deleting every row took 20.5 s at the bench's size (3.3 million events,
        // a million documents; 14 ms truncated), a third of the transaction timeout and growing with every
        // event, and left every row dead for autovacuum. Like the delete, a truncate is undone if the
        // transaction fails; it holds the two tables exclusively until commit, so a read of the overview
        // waits a moment instead of seeing a half-cleared model.
        em.createNativeQuery("truncate overview_event, customer_overview").executeUpdate();
        em.createNativeQuery("delete from processed_event where consumer = ?1").setParameter(1, NAME).executeUpdate();
        return ((Number) em.createNativeQuery("""
                        update projection_state set generation = generation + 1, rebuilt_at = now()
                        where name = ?1 returning generation""")
                .setParameter(1, NAME).getSingleResult()).longValue();
    }

    private ObjectNode replay(String customerId, OffsetDateTime asOf) {
        var query = em.createNativeQuery("select cast(payload as text) from overview_event where customer_id = ?1"
                        + (asOf == null ? "" : " and event_time <= ?2") + " order by event_time, seq")
                .setParameter(1, customerId);
        if (asOf != null) {
            query.setParameter(2, asOf);
        }
        @SuppressWarnings("unchecked")
        List<String> events = query.getResultList();
        ObjectNode doc = OverviewProjection.empty(customerId);
        // Merged-in history keeps its original subject; it is replayed as this customer's.
        events.forEach(json -> OverviewProjection.apply(doc, EventJson.parse(json)));
        return doc;
    }

    /**
     * Locks the customer's document for this transaction and returns it. Usually the document exists
     * and one {@code select ... for update} both locks and reads it (it was a lock and a read, two
     * statements, for every event). Without a document there is no row to lock: an advisory lock on
     * the id serialises the first writers, and each reads again once it holds it, so the second one
     * finds (and locks) what the first one wrote.
     */
    private Optional<ObjectNode> lockedCurrent(String customerId) {
        return Optional.ofNullable(lockedCurrent(new TreeSet<>(Set.of(customerId))).get(customerId));
    }

    /**
     * {@link #lockedCurrent(String)} for several customers (the single one is this with one id): the
     * documents there are, locked in id order (so two batches sharing customers wait for each other
     * instead of deadlocking), then the
     * advisory locks of the missing ones, in the same order, and those read again. The read must
     * follow the advisory locks in a later statement: a statement's snapshot is taken before it
     * waits, so a document created meanwhile would look missing and be overwritten (a one-statement
     * version lost 2 of 30 purchases in OverviewEventsTest). Left: a batch that finds a document
     * created between its two statements may deadlock with another batch holding that row; PostgreSQL
     * ends one of them and EventConsumers applies its events again one by one.
     */
    private Map<String, ObjectNode> lockedCurrent(SortedSet<String> customerIds) {
        Map<String, ObjectNode> documents = selectForUpdate(customerIds);
        List<String> missing = customerIds.stream().filter(id -> !documents.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            // a volatile function in a subquery's output is evaluated for every row, in the subquery's order
            JdbcStatement.of("""
                            select count(*) from (
                                select pg_advisory_xact_lock(hashtext(id)) from unnest(cast(?1 as text[])) as id order by id) locked""",
                    List.of((Object) missing.toArray(String[]::new))).list(em, row -> row.getLong(1));
            documents.putAll(selectForUpdate(new TreeSet<>(missing)));
        }
        return documents;
    }

    private Map<String, ObjectNode> selectForUpdate(SortedSet<String> customerIds) {
        Map<String, ObjectNode> documents = new TreeMap<>();
        JdbcStatement.of("""
                        select customer_id, cast(document as text) from customer_overview
                        where customer_id = any(cast(?1 as text[])) order by customer_id for update""",
                        List.of((Object) customerIds.toArray(String[]::new)))
                .list(em, row -> documents.put(row.getString(1), parseObject(row.getString(2))));
        return documents;
    }

    private void log(CloudEvent published) {
        // Only what the overview shows is kept: nothing personal (a delivery request without its recipient,
        // variables and RSVP token; no name or free text an older event may still carry).
        CloudEvent event = OverviewProjection.logged(published);
        em.createNativeQuery("""
                        insert into overview_event (event_id, customer_id, event_type, event_time, payload)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb))""")
                .setParameter(1, event.id()).setParameter(2, event.subject()).setParameter(3, event.type())
                .setParameter(4, event.time()).setParameter(5, EventJson.write(event))
                .executeUpdate();
    }

    /** {@link #log} and {@link #save} as one statement (a data-modifying CTE): the common case, once per event. */
    private void logAndSave(CloudEvent published, String customerId, ObjectNode doc) {
        CloudEvent event = OverviewProjection.logged(published); // as log() keeps it
        em.createNativeQuery("""
                        with logged as (
                            insert into overview_event (event_id, customer_id, event_type, event_time, payload)
                            values (?1, ?2, ?3, ?4, cast(?5 as jsonb)))
                        insert into customer_overview (customer_id, version, document, updated_at)
                        values (?6, 1, cast(?7 as jsonb), now())
                        on conflict (customer_id) do update
                        set document = excluded.document, version = customer_overview.version + 1, updated_at = now()""")
                .setParameter(1, event.id()).setParameter(2, event.subject()).setParameter(3, event.type())
                .setParameter(4, event.time()).setParameter(5, EventJson.write(event))
                .setParameter(6, customerId).setParameter(7, EventJson.write(doc))
                .executeUpdate();
    }

    private void save(String customerId, ObjectNode doc) {
        em.createNativeQuery("""
                        insert into customer_overview (customer_id, version, document, updated_at)
                        values (?1, 1, cast(?2 as jsonb), now())
                        on conflict (customer_id) do update
                        set document = excluded.document, version = customer_overview.version + 1, updated_at = now()""")
                .setParameter(1, customerId).setParameter(2, EventJson.write(doc))
                .executeUpdate();
    }

    private static ObjectNode parseObject(String json) {
        try {
            return (ObjectNode) EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("corrupt overview document", e);
        }
    }
}
