package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.sql.AdvisoryLocks;
import dev.crmsuite.platform.paging.TimeAndId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Partner webhook subscriptions: each one belongs to the caller that created it. */
@ApplicationScoped
public class Webhooks {

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    WebhooksConfig config;

    public record Subscription(UUID id, String url, Set<String> eventTypes, String description, String status,
                               int consecutiveFailures, String disabledReason, OffsetDateTime createdAt,
                               @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The signing secret, whsec_ and base64 "
                                       + "(the HMAC key is the decoded part), as every Standard Webhooks library takes it. Returned only by the "
                                       + "create and the secret rotation, never again", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                               String secret) {
    }

    public record Attempt(UUID deliveryId, String eventId, String eventType,
                          @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "PENDING (will be tried again), "
                                  + "DELIVERED, FAILED (given up) or WITHHELD (the customer withdrew the consent it was made under, or was "
                                  + "erased, before it was sent; never sent)", examples = "DELIVERED") String deliveryStatus, int attempts,
                          OffsetDateTime attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    @Transactional
    public Subscription subscribe(String owner, String partner, String url, Set<String> eventTypes, String description) {
        WebhookTargets.check(url, config);
        // Counted under a lock on the owner: creates sent at once must not each find room for one more.
        AdvisoryLocks.lock(em, "webhook-owner", owner);
        long held = ((Number) em.createNativeQuery("select count(*) from webhook_subscription where owner = ?1")
                .setParameter(1, owner).getSingleResult()).longValue();
        if (held >= config.maxSubscriptionsPerOwner()) {
            throw ProblemException.conflict("too-many-subscriptions", "you hold " + held + " subscriptions, the most one caller may; "
                    + "delete one you no longer need, or subscribe one URL to more event types");
        }
        String secret = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.createNativeQuery("""
                        insert into webhook_subscription (id, owner, partner, url, event_types, secret, description, status, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'ACTIVE', ?8)""")
                .setParameter(1, id).setParameter(2, owner).setParameter(3, partner).setParameter(4, url)
                .setParameter(5, String.join(" ", eventTypes)).setParameter(6, secret)
                .setParameter(7, description).setParameter(8, now).executeUpdate();
        return new Subscription(id, url, eventTypes, description, "ACTIVE", 0, null, now, secret);
    }

    /**
     * A new secret for the subscription, returned once; the one it replaces keeps signing deliveries
     * beside it for {@code secret-overlap} (a rotation during that time drops the oldest).
     */
    @Transactional
    public Subscription rotateSecret(String owner, UUID id) {
        get(owner, id);
        String secret = WebhookSignature.newSecret();
        em.createNativeQuery("""
                        update webhook_subscription set previous_secret = secret, previous_secret_until = ?2, secret = ?3
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock).plus(config.secretOverlap()))
                .setParameter(3, secret).executeUpdate();
        Subscription rotated = get(owner, id);
        return new Subscription(rotated.id(), rotated.url(), rotated.eventTypes(), rotated.description(), rotated.status(),
                rotated.consecutiveFailures(), rotated.disabledReason(), rotated.createdAt(), secret);
    }

    /** Up to {@code max} of the owner's subscriptions after the (created_at, id) position {@code after}, oldest first. */
    public List<Subscription> list(String owner, TimeAndId after, int max) {
        var query = em.createNativeQuery(select() + " where owner = :owner"
                        + (after == null ? "" : " and (created_at, id) > (:afterAt, :afterId)") + " order by created_at, id limit :max")
                .setParameter("owner", owner).setParameter("max", max);
        if (after != null) {
            query.setParameter("afterAt", after.at()).setParameter("afterId", after.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(Webhooks::toSubscription).toList();
    }

    public Subscription get(String owner, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(select() + " where owner = ?1 and id = ?2")
                .setParameter(1, owner).setParameter(2, id).getResultList();
        // Another caller's subscription is as good as absent: never confirm it exists.
        return rows.stream().findFirst().map(Webhooks::toSubscription)
                .orElseThrow(() -> ProblemException.notFound("webhook subscription", id));
    }

    @Transactional
    public void delete(String owner, UUID id) {
        get(owner, id);
        em.createNativeQuery("delete from webhook_subscription where id = ?1").setParameter(1, id).executeUpdate();
    }

    @Transactional
    public Subscription enable(String owner, UUID id) {
        get(owner, id);
        em.createNativeQuery("""
                        update webhook_subscription set status = 'ACTIVE', consecutive_failures = 0,
                        disabled_reason = null, disabled_at = null where id = ?1""")
                .setParameter(1, id).executeUpdate();
        return get(owner, id);
    }

    /** An attempt with its keyset position (the attempt's identity): what the next page starts before. */
    public record AttemptRow(Attempt attempt, long seq) {
    }

    /** Up to {@code max} attempts older than position {@code before}, newest first. */
    public List<AttemptRow> attempts(String owner, UUID id, long before, int max) {
        get(owner, id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.event_id, d.event_type, d.status, d.attempts, a.attempted_at, a.status_code, a.error, a.duration_ms, a.id
                        from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
                        where d.subscription_id = ?1 and a.id < ?2 order by a.id desc limit ?3""")
                .setParameter(1, id).setParameter(2, before).setParameter(3, max).getResultList();
        return rows.stream().map(r -> new AttemptRow(new Attempt((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), SqlTimes.utc(r[5]), r[6] == null ? null : ((Number) r[6]).intValue(), (String) r[7],
                ((Number) r[8]).intValue()), ((Number) r[9]).longValue())).toList();
    }

    private static String select() {
        return "select id, url, event_types, description, status, consecutive_failures, disabled_reason, created_at from webhook_subscription";
    }

    private static Subscription toSubscription(Object[] r) {
        return new Subscription((UUID) r[0], (String) r[1], new LinkedHashSet<>(Arrays.asList(((String) r[2]).split(" "))),
                (String) r[3], (String) r[4], ((Number) r[5]).intValue(), (String) r[6], SqlTimes.utc(r[7]), null);
    }
}
