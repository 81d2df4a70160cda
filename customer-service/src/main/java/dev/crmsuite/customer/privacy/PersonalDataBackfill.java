package dev.crmsuite.customer.privacy;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerPersonalData;
import dev.crmsuite.customer.followup.FollowUpModels;
import dev.crmsuite.customer.lifecycle.LifecycleEvents;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.platform.inbox.Failures;
import dev.crmsuite.platform.privacy.PersonalData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Records on crm.customers.personal what was written before the domain events stopped carrying personal
 * data: a customer, touchpoint, follow-up or loss registered then has no personal record, so the
 * gateway would show it without name, summary or reason. Each run records what has none yet (the
 * platform's {@code personal_record} says which keys exist), page by page; erased and merged-away
 * customers are left out. The rows it records are locked, so a change in flight is never overwritten by
 * the older values read here; a row locked by someone else stops the run (NOWAIT) and the next one goes
 * on, so none is passed over. Every write since records its own personal data, so the first run that
 * goes through every table completes the backfill for good: the scheduled job then only reads that it
 * is complete (V17), instead of walking every customer again (10 s of PostgreSQL at a million).
 */
@ApplicationScoped
public class PersonalDataBackfill {

    private static final Logger LOG = Logger.getLogger(PersonalDataBackfill.class);
    static final int PAGE = 200;

    private final EntityManager em;
    private final PersonalData personalData;

    public PersonalDataBackfill(EntityManager em, PersonalData personalData) {
        this.em = em;
        this.personalData = personalData;
    }

    @Scheduled(cron = "{crm.personal-data.backfill-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runUntilComplete();
    }

    /**
     * The scheduled job: nothing once a run has completed; otherwise a run, remembered as the one that
     * completed the backfill when it went through. Answers whether the backfill is complete.
     */
    boolean runUntilComplete() {
        if (completed()) {
            return true;
        }
        int n;
        try {
            n = run();
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) { // a row it must record is being changed (NOWAIT), or the database is away
                LOG.infof("personal data backfill: stopped by %s; the next run goes on", e.toString());
                return false;
            }
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into personal_data_backfill (completed_at, written) values (now(), ?1)
                on conflict (completed) do nothing""").setParameter(1, n).executeUpdate());
        LOG.infof("personal data backfill complete: %d records written to %s; it will not run again", n, personalData.topic());
        return true;
    }

    private boolean completed() {
        return QuarkusTransaction.requiringNew().call(() ->
                !em.createNativeQuery("select 1 from personal_data_backfill").getResultList().isEmpty());
    }

    /** Records every missing personal record; returns how many it wrote. */
    public int run() {
        return run(PAGE);
    }

    /** {@link #run()} with pages of {@code pageSize} rows (tests page through a few rows). */
    int run(int pageSize) {
        int total = 0;
        total += pages(after -> profiles(after, pageSize));
        total += pages(after -> touchpoints(after, pageSize));
        total += pages(after -> followUps(after, pageSize));
        total += pages(after -> lostReasons(after, pageSize));
        return total;
    }

    /** What a page did: the records it wrote and the last id it looked at (null: nothing after it). */
    private record Progress(int written, UUID last) {
    }

    /**
     * Pages in id order, each after the last id of the one before: the query then walks each row once
     * per run. (Starting every page from the first id walked every row already recorded again: quadratic,
     * a core busy for half an hour at a million customers.) A row locked by someone else ends the run
     * with the lock failure; the pages before it stay written.
     */
    private static int pages(java.util.function.Function<UUID, Progress> page) {
        int total = 0;
        UUID after = new UUID(0, 0);
        while (after != null) {
            UUID from = after;
            Progress progress = QuarkusTransaction.requiringNew().call(() -> page.apply(from));
            total += progress.written();
            after = progress.last();
        }
        return total;
    }

    /** The next page of {@code sql} (parameters: ?1 the page size, ?2 the id to start after; first column: id). */
    @SuppressWarnings("unchecked")
    private List<Tuple> page(String sql, UUID after, int pageSize) {
        return em.createNativeQuery(sql, Tuple.class).setParameter(1, pageSize).setParameter(2, after).getResultList();
    }

    private static Progress progress(List<Tuple> rows, int pageSize) {
        return new Progress(rows.size(), rows.size() < pageSize ? null : rows.getLast().get("id", UUID.class));
    }

    private Progress profiles(UUID after, int pageSize) {
        List<Tuple> rows = page("""
                select c.id from customer c
                where c.erased_at is null and c.merged_into is null
                  and not exists (select 1 from personal_record r where r.record_key = c.id::text || '/customer/' || c.id::text)
                  and c.id > ?2
                order by c.id limit ?1 for update of c nowait""", after, pageSize);
        for (Tuple r : rows) {
            CustomerPersonalData.record(personalData, Customer.findById(r.get("id", UUID.class)));
        }
        return progress(rows, pageSize);
    }

    private Progress touchpoints(UUID after, int pageSize) {
        List<Tuple> rows = page("""
                select t.id, t.customer_id, t.summary from touchpoint t join customer c on c.id = t.customer_id
                where t.summary is not null and c.erased_at is null and c.merged_into is null
                  and not exists (select 1 from personal_record r
                                  where r.record_key = t.customer_id::text || '/touchpoint/' || t.id::text)
                  and t.id > ?2
                order by t.id limit ?1 for update of t, c nowait""", after, pageSize);
        for (Tuple r : rows) {
            UUID id = r.get("id", UUID.class);
            UUID customerId = r.get("customer_id", UUID.class);
            personalData.record(customerId, TouchpointModels.Personal.THING, id.toString(),
                    new TouchpointModels.Personal(id, customerId, r.get("summary", String.class)));
        }
        return progress(rows, pageSize);
    }

    private Progress followUps(UUID after, int pageSize) {
        List<Tuple> rows = page("""
                select f.id, f.customer_id, f.reason, f.outcome from follow_up f join customer c on c.id = f.customer_id
                where c.erased_at is null and c.merged_into is null
                  and not exists (select 1 from personal_record r
                                  where r.record_key = f.customer_id::text || '/follow-up/' || f.id::text)
                  and f.id > ?2
                order by f.id limit ?1 for update of f, c nowait""", after, pageSize);
        for (Tuple r : rows) {
            UUID id = r.get("id", UUID.class);
            UUID customerId = r.get("customer_id", UUID.class);
            personalData.record(customerId, FollowUpModels.Personal.THING, id.toString(),
                    new FollowUpModels.Personal(id, customerId, r.get("reason", String.class), r.get("outcome", String.class)));
        }
        return progress(rows, pageSize);
    }

    private Progress lostReasons(UUID after, int pageSize) {
        List<Tuple> rows = page("""
                select c.id, c.lost_reason_text from customer c
                where c.stage = 'LOST' and c.erased_at is null and c.merged_into is null
                  and not exists (select 1 from personal_record r where r.record_key = c.id::text || '/lost-reason/' || c.id::text)
                  and c.id > ?2
                order by c.id limit ?1 for update of c nowait""", after, pageSize);
        for (Tuple r : rows) {
            UUID id = r.get("id", UUID.class);
            personalData.record(id, LifecycleEvents.LostReasonRecord.THING, id.toString(),
                    new LifecycleEvents.LostReasonRecord(id, r.get("lost_reason_text", String.class)));
        }
        return progress(rows, pageSize);
    }
}
