package dev.crmsuite.survey.response;

import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.survey.SurveyConfig;
import dev.crmsuite.survey.support.Rows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * {@code crm.survey.response.submitted.v1} of anonymous responses, published late on purpose. Written
 * when the customer answers, the event would carry the moment and request id of the call to their answer
 * link (the envelope's time and requestid, the Kafka record's timestamp), and whoever sees the gateway's
 * access log or the invitation could join the score to the person. So the answer only marks the response
 * due at a random moment up to {@code crm.survey.anonymous.publish-delay} later; this job publishes the
 * due ones in random order, outside any request, with {@code submittedAt} cut to the day (UTC midnight).
 *
 * <p>It also rewrites the response's rows when it publishes: PostgreSQL stamps every row with the
 * transaction that wrote it (xmin), and the response and its answers were written in the same transaction
 * as the invitation's change to ANSWERED; after the rewrite they carry this job's transaction, shared with
 * the rest of the batch, instead.
 */
@ApplicationScoped
public class AnonymousResponseEvents {

    /** Advisory lock key of this job: any constant unique within the survey database. */
    static final long LOCK_KEY = 0x5355525645590002L;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final Outbox outbox;
    private final SurveyConfig config;
    private final java.time.Clock clock;

    public AnonymousResponseEvents(EntityManager em, Outbox outbox, SurveyConfig config, java.time.Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Marks a just-stored anonymous response for publication at a random moment within the delay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(UUID responseId, Instant submitted) {
        long maxMillis = Math.max(0, config.anonymous().publishDelay().toMillis());
        Instant due = submitted.plusMillis(maxMillis == 0 ? 0 : RANDOM.nextLong(maxMillis + 1));
        em.createNativeQuery("update survey_response set publish_after = ?2 where id = ?1")
                .setParameter(1, responseId).setParameter(2, Rows.utc(due)).executeUpdate();
    }

    @Scheduled(identity = "anonymous-response-events", every = "${crm.survey.anonymous.publish-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        publishDue(clock.instant());
    }

    /** One pass: publishes up to a batch of the responses due at {@code now}. Returns how many, -1 if another replica is at it. */
    public int publishDue(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_KEY).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return -1;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("""
                            select id, survey_id, survey_version, nps, csat, ces, submitted_at from survey_response
                            where publish_after is not null and publish_after <= ?1
                            order by random() limit ?2""")
                    .setParameter(1, Rows.utc(now)).setParameter(2, Math.max(1, config.anonymous().batchSize()))
                    .getResultList();
            if (due.isEmpty()) {
                return 0;
            }
            List<UUID> ids = due.stream().map(r -> Rows.uuid(r[0])).toList();
            for (Object[] r : due) {
                UUID surveyId = Rows.uuid(r[1]);
                outbox.append(surveyId.toString(), ResponseSubmitted.TYPE, new ResponseSubmitted(Rows.uuid(r[0]), surveyId,
                        Rows.integer(r[2]), null, Rows.integer(r[3]), Rows.integer(r[4]), Rows.integer(r[5]),
                        day(Rows.instant(r[6]))));
            }
            em.createNativeQuery("update survey_response set publish_after = null where id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
            em.createNativeQuery("update survey_answer set ref = ref where response_id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
            return due.size();
        });
    }

    /** The start (UTC midnight) of the day holding {@code at}: all an anonymous response's event says of its time. */
    static OffsetDateTime day(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
    }
}
