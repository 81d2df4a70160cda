package dev.crmsuite.survey.invitation;

import dev.crmsuite.survey.SurveyConfig;
import dev.crmsuite.survey.customer.KnownCustomers;
import dev.crmsuite.survey.survey.SurveyStore;
import dev.crmsuite.survey.survey.TriggerKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The relationship survey every N months per customer. Every replica runs the schedule, but a
 * transaction-scoped PostgreSQL advisory lock lets only one of them work at a time, and the
 * trigger id (survey, customer, day) plus the "not invited since" rule keep a rerun from inviting twice.
 */
@ApplicationScoped
public class PeriodicSurveys {

    /** Advisory lock key of this job: any constant unique within the survey database. */
    static final long LOCK_KEY = 0x5355525645590001L;

    @Inject
    EntityManager em;
    @Inject
    SurveyStore surveys;
    @Inject
    KnownCustomers customers;
    @Inject
    Invitations invitations;
    @Inject
    SurveyConfig config;
    @Inject
    Clock clock;

    @Scheduled(identity = "periodic-surveys", every = "${crm.survey.periodic.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        run();
    }

    /** One pass: invites (or skips) up to the batch size per periodic survey. Returns how many rows it wrote, -1 if another replica holds the lock. */
    public int run() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_KEY).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return -1;
            }
            Instant now = clock.instant();
            int written = 0;
            for (SurveyStore.ActiveTrigger survey : surveys.activeTriggers(TriggerKind.PERIODIC)) {
                Instant cutoff = now.atOffset(ZoneOffset.UTC).minusMonths(survey.everyMonths()).toInstant();
                List<UUID> due = customers.dueForPeriodic(survey.surveyId(), cutoff, cutoff, config.periodic().batchSize());
                String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
                for (UUID customer : due) {
                    String triggerId = "periodic:" + survey.surveyId() + ":" + customer + ":" + day;
                    if (invitations.offer(survey, new Invitations.Trigger(triggerId, TriggerKind.PERIODIC.eventType,
                            customer, null, now)) != null) {
                        written++;
                    }
                }
            }
            return written;
        });
    }
}
