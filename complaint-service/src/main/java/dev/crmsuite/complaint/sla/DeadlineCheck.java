package dev.crmsuite.complaint.sla;

import dev.crmsuite.complaint.escalation.Escalations;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.complaint.complaint.AuditTrail;
import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.complaint.complaint.ComplaintEvents;
import dev.crmsuite.complaint.complaint.ComplaintWorkflow;
import dev.crmsuite.complaint.config.ComplaintConfig;
import dev.crmsuite.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The scheduled deadline check: reports every deadline that passed (crm.complaint.deadline-breached.v1),
 * escalates the complaint (priority one level up, to the next owner of the team's escalation chain,
 * see {@link Escalations}), and closes resolved complaints after the quiet period (no change of any kind:
 * a comment, tag or reassignment after the resolution restarts it).
 *
 * <p>It reads only database state and the injected clock: a deadline that passed while every
 * replica was down is found on the next run, and the breach mark written with the events means
 * it is reported exactly once. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas
 * running the check at the same moment share the work instead of doubling it.
 */
@ApplicationScoped
public class DeadlineCheck {

    private static final Logger LOG = Logger.getLogger(DeadlineCheck.class);

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    Escalations escalations;
    @Inject
    ComplaintWorkflow workflow;
    @Inject
    ComplaintConfig config;
    @Inject
    Clock clock;

    public record Result(int firstResponseBreaches, int resolutionBreaches, int autoClosed) {
    }

    @Scheduled(identity = "complaint-deadline-check", every = "${crm.complaint.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Result r = run();
            if (r.firstResponseBreaches() + r.resolutionBreaches() + r.autoClosed() > 0) {
                LOG.infof("deadline check: %s", r);
            }
        } catch (RuntimeException e) {
            // The next run picks up whatever this one could not: the state is all in the database.
            LOG.warnf("deadline check failed, will run again: %s", e.toString());
        }
    }

    /** One full pass; batches until nothing due is left. Public so tests drive it with their clock. */
    public Result run() {
        int first = 0;
        int resolution = 0;
        int closed = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> breach(ComplaintDeadlines.Kind.FIRST_RESPONSE));
            first += n;
        } while (n == config.checkBatchSize());
        do {
            n = QuarkusTransaction.requiringNew().call(() -> breach(ComplaintDeadlines.Kind.RESOLUTION));
            resolution += n;
        } while (n == config.checkBatchSize());
        do {
            n = QuarkusTransaction.requiringNew().call(this::autoClose);
            closed += n;
        } while (n == config.checkBatchSize());
        return new Result(first, resolution, closed);
    }

    private int breach(ComplaintDeadlines.Kind kind) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String sql = kind == ComplaintDeadlines.Kind.FIRST_RESPONSE
                ? """
                  select id from complaint
                  where acknowledged_at is null and first_response_breached_at is null and respond_by < ?1
                  order by respond_by limit ?2 for update skip locked"""
                : """
                  select id from complaint
                  where resolution_breached_at is null and status not in ('RESOLVED', 'CLOSED', 'WAITING_ON_CUSTOMER')
                    and resolve_by < ?1
                  order by resolve_by limit ?2 for update skip locked""";
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery(sql).setParameter(1, now).setParameter(2, config.checkBatchSize()).getResultList();
        for (UUID id : due) {
            Complaint c = em.find(Complaint.class, id);
            OffsetDateTime dueAt = kind == ComplaintDeadlines.Kind.FIRST_RESPONSE ? c.respondBy : c.resolveBy;
            em.createNativeQuery("""
                            insert into complaint_breach (complaint_id, deadline, due_at, breached_at) values (?1, ?2, ?3, ?4)
                            on conflict do nothing""")
                    .setParameter(1, c.id).setParameter(2, kind.name()).setParameter(3, dueAt).setParameter(4, now)
                    .executeUpdate();
            String field = kind == ComplaintDeadlines.Kind.FIRST_RESPONSE ? "firstResponseBreachedAt" : "resolutionBreachedAt";
            audit.change(c.id, Caller.SYSTEM_ACTOR, now, "deadline-breached", field, null, now);
            if (kind == ComplaintDeadlines.Kind.FIRST_RESPONSE) {
                c.firstResponseBreachedAt = now;
            } else {
                c.resolutionBreachedAt = now;
            }
            outbox.append(c.customerId.toString(), ComplaintEvents.DeadlineBreached.TYPE,
                    new ComplaintEvents.DeadlineBreached(c.id, c.customerId, kind.name(), dueAt, now));
            escalations.escalate(c, (kind == ComplaintDeadlines.Kind.FIRST_RESPONSE ? "the first-response" : "the resolution")
                    + " deadline passed (due " + dueAt.toInstant() + ")", now);
        }
        return due.size();
    }

    private int autoClose() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        @SuppressWarnings("unchecked")
        List<UUID> quiet = em.createNativeQuery("""
                        select id from complaint where status = 'RESOLVED' and updated_at <= ?1
                        order by updated_at limit ?2 for update skip locked""")
                .setParameter(1, now.minus(config.autoCloseAfter())).setParameter(2, config.checkBatchSize())
                .getResultList();
        for (UUID id : quiet) {
            workflow.close(em.find(Complaint.class, id), Caller.SYSTEM_ACTOR);
        }
        return quiet.size();
    }
}
