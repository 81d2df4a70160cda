package dev.crmsuite.customer.privacy;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerPersonalData;
import dev.crmsuite.customer.followup.FollowUpModels;
import dev.crmsuite.customer.lifecycle.LifecycleEvents;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.platform.privacy.PersonalData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Records on crm.customers.personal what was written before the domain events stopped carrying personal
 * data: a customer, touchpoint, follow-up or loss registered then has no personal record, so the
 * gateway would show it without name, summary or reason. Each run records what has none yet (the
 * platform's {@code personal_record} says which keys exist), page by page, and finds nothing once done;
 * erased and merged-away customers are left out. Rows are locked (skipping locked ones), so a change in
 * flight is never overwritten by the older values read here.
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
        int n = run();
        if (n > 0) {
            LOG.infof("personal data backfill: %d records written to %s", n, personalData.topic());
        }
    }

    /** Records every missing personal record; returns how many it wrote. */
    public int run() {
        int total = 0;
        total += pages(this::profiles);
        total += pages(this::touchpoints);
        total += pages(this::followUps);
        total += pages(this::lostReasons);
        return total;
    }

    private static int pages(java.util.function.IntSupplier page) {
        int total = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(page::getAsInt);
            total += n;
            if (n < PAGE) {
                return total;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private int profiles() {
        List<UUID> ids = em.createNativeQuery("""
                        select c.id from customer c
                        where c.erased_at is null and c.merged_into is null
                          and not exists (select 1 from personal_record r where r.record_key = c.id::text || '/customer/' || c.id::text)
                        order by c.id limit ?1 for update of c skip locked""")
                .setParameter(1, PAGE).getResultList();
        for (UUID id : ids) {
            CustomerPersonalData.record(personalData, Customer.findById(id));
        }
        return ids.size();
    }

    @SuppressWarnings("unchecked")
    private int touchpoints() {
        List<Object[]> rows = em.createNativeQuery("""
                        select t.id, t.customer_id, t.summary from touchpoint t join customer c on c.id = t.customer_id
                        where t.summary is not null and c.erased_at is null and c.merged_into is null
                          and not exists (select 1 from personal_record r
                                          where r.record_key = t.customer_id::text || '/touchpoint/' || t.id::text)
                        order by t.id limit ?1 for update of t, c skip locked""")
                .setParameter(1, PAGE).getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            UUID customerId = (UUID) r[1];
            personalData.record(customerId, TouchpointModels.Personal.THING, id.toString(),
                    new TouchpointModels.Personal(id, customerId, (String) r[2]));
        }
        return rows.size();
    }

    @SuppressWarnings("unchecked")
    private int followUps() {
        List<Object[]> rows = em.createNativeQuery("""
                        select f.id, f.customer_id, f.reason, f.outcome from follow_up f join customer c on c.id = f.customer_id
                        where c.erased_at is null and c.merged_into is null
                          and not exists (select 1 from personal_record r
                                          where r.record_key = f.customer_id::text || '/follow-up/' || f.id::text)
                        order by f.id limit ?1 for update of f, c skip locked""")
                .setParameter(1, PAGE).getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            UUID customerId = (UUID) r[1];
            personalData.record(customerId, FollowUpModels.Personal.THING, id.toString(),
                    new FollowUpModels.Personal(id, customerId, (String) r[2], (String) r[3]));
        }
        return rows.size();
    }

    @SuppressWarnings("unchecked")
    private int lostReasons() {
        List<Object[]> rows = em.createNativeQuery("""
                        select c.id, c.lost_reason_text from customer c
                        where c.stage = 'LOST' and c.erased_at is null and c.merged_into is null
                          and not exists (select 1 from personal_record r where r.record_key = c.id::text || '/lost-reason/' || c.id::text)
                        order by c.id limit ?1 for update of c skip locked""")
                .setParameter(1, PAGE).getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            personalData.record(id, LifecycleEvents.LostReasonRecord.THING, id.toString(),
                    new LifecycleEvents.LostReasonRecord(id, (String) r[1]));
        }
        return rows.size();
    }
}
