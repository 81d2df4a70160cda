package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.time.SqlTimes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Sends due deliveries. Each replica leases a batch with {@code FOR UPDATE SKIP LOCKED} in a short
 * transaction, sends outside it, then records the outcome, so several gateway replicas share the
 * work and a crashed replica's lease simply runs out. The lease outlasts the batch's worst case
 * ({@link DeliveryLease}, computed from the timeouts and the batch size and checked at start-up), and
 * a send starts only while its worst case still fits in the lease, so no two replicas send the same
 * delivery. Failures back off exponentially; after {@code maxAttempts} a delivery is given up, and
 * after {@code disableAfterFailures} consecutive failures the whole subscription is disabled until
 * the partner re-enables it.
 *
 * <p>Each request is a Standard Webhooks delivery ({@link WebhookSignature}): {@code webhook-id} (the
 * delivery's id, the same on every retry, so receivers can drop duplicates), {@code webhook-timestamp}
 * and {@code webhook-signature}, signed with every live secret of the subscription.
 *
 * <p>Every failed attempt counts in {@code crm_webhook_deliveries_failed_total} (the CrmWebhookFailures
 * alert of k8s/base/monitoring/rules.yaml), tagged {@code outcome=retry} when the delivery will be
 * tried again and {@code outcome=abandoned} when that was its last attempt.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final EntityManager em;
    private final WebhooksConfig config;
    private final Clock clock;
    private final DeliveryLease lease;
    private final WebhookSender sender;
    private final Counter failedRetried;
    private final Counter failedAbandoned;

    public WebhookDispatcher(EntityManager em, WebhooksConfig config, Clock clock, MeterRegistry meters, WebhookSender sender) {
        this.failedRetried = failed(meters, "retry");
        this.failedAbandoned = failed(meters, "abandoned");
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.lease = DeliveryLease.of(config);
        this.sender = sender;
    }

    private static Counter failed(MeterRegistry meters, String outcome) {
        return Counter.builder("crm.webhook.deliveries.failed")
                .description("Webhook delivery attempts that failed (non-2xx, timeout, unreachable or refused target)")
                .tag("outcome", outcome).register(meters);
    }

    /** Fails the start-up when the configured timeouts and batch make no sound lease. */
    void checkLease(@Observes StartupEvent started) {
        LOG.infof("webhook deliveries are leased for %s: %d per batch × (connect %s + %s) + %s", lease.length(),
                lease.batchSize(), config.connectTimeout(), config.timeout(), DeliveryLease.MARGIN);
    }

    DeliveryLease lease() {
        return lease;
    }

    /**
     * A leased delivery, with the subscription's owner and the customer's partner-sharing and
     * marketing consents as kept now ({@code keptSharing}/{@code keptMarketing} null: none kept), and
     * for a campaign delivery request the customer's profile copy (null: none, e.g. erased), for
     * {@link WebhookConsentAtSend}.
     */
    record Due(UUID id, UUID subscription, String url, List<String> secrets, String payload, int attempts, String owner,
               Boolean keptSharing, OffsetDateTime keptAt, Boolean keptMarketing, OffsetDateTime marketingAt, String profile,
               boolean erased, OffsetDateTime createdAt) {
    }

    @Scheduled(every = "${crm.gateway.webhooks.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        List<Due> due;
        long leasedAt = System.nanoTime();
        try {
            due = leaseDue();
        } catch (RuntimeException e) {
            LOG.debugf("webhook dispatch skipped: %s", e.toString());
            return;
        }
        for (Due delivery : due) {
            if (!lease.leftFor(Duration.ofNanos(System.nanoTime() - leasedAt))) {
                // Its worst case no longer fits in the lease: left to whoever leases it next.
                LOG.debugf("webhook delivery %s left for the next lease", delivery.id());
                continue;
            }
            WebhookConsentAtSend.Decision decision = WebhookConsentAtSend.decide(delivery, OffsetDateTime.now(clock));
            if (decision.payload() != null) {
                deliver(delivery, decision.payload());
            } else if (decision.deferred()) {
                defer(delivery);
            } else {
                withhold(delivery, decision.withheldBecause());
            }
        }
    }

    /**
     * The customer withdrew the consent the delivery was made under while it waited (a retry, a
     * backlog), or was erased: it is never sent (issue 17: a withdrawal stops webhooks for that
     * customer at once).
     */
    private void withhold(Due due, String because) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update webhook_delivery set status = 'WITHHELD', lease_until = null where id = ?1 and status = 'PENDING'")
                .setParameter(1, due.id()).executeUpdate());
        LOG.debugf("webhook delivery %s withheld: %s", due.id(), because);
    }

    /**
     * The customer's profile record has not reached the gateway yet (the personal topic is read apart
     * from crm.customers): tried again shortly, not counted as an attempt ({@link WebhookConsentAtSend#PROFILE_GRACE}).
     */
    private void defer(Due due) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update webhook_delivery set next_attempt_at = ?2, lease_until = null where id = ?1 and status = 'PENDING'""")
                .setParameter(1, due.id()).setParameter(2, OffsetDateTime.now(clock).plus(config.backoffBase())).executeUpdate());
        LOG.debugf("webhook delivery %s deferred: no profile of the customer yet", due.id());
    }

    /**
     * Leases up to a batch of due deliveries of active subscriptions for {@link DeliveryLease#length()},
     * with what the send-time rules need. The recipient of a campaign delivery request comes from the
     * gateway's copy of crm.customers.personal ({@code PersonalCopies}), read only for those and never
     * stored with the delivery.
     */
    List<Due> leaseDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            update webhook_delivery d set lease_until = ?1
                            from webhook_subscription s
                            where d.subscription_id = s.id and d.id in (
                                select id from webhook_delivery
                                where status = 'PENDING' and next_attempt_at <= ?2 and (lease_until is null or lease_until < ?2)
                                order by next_attempt_at limit ?3 for update skip locked)
                              and s.status = 'ACTIVE'
                            returning d.id, d.subscription_id, s.url, s.secret, s.previous_secret, s.previous_secret_until,
                                      d.payload, d.attempts, s.owner,
                                      (select pc.partner_sharing and pc.merged_into is null from partner_consent pc
                                        where pc.customer_id = d.customer_id),
                                      (select pc.updated_at from partner_consent pc where pc.customer_id = d.customer_id),
                                      (select mc.marketing from marketing_consent mc where mc.customer_id = d.customer_id),
                                      (select mc.updated_at from marketing_consent mc where mc.customer_id = d.customer_id),
                                      case when d.event_type = ?4 then (select cast(p.data as text) from personal_copy p
                                        where p.thing = 'customer' and p.object_id = d.customer_id order by p.recorded_at desc limit 1) end,
                                      exists (select 1 from personal_copy_erased e where e.customer_id = d.customer_id),
                                      d.created_at""")
                    .setParameter(1, now.plus(lease.length())).setParameter(2, now).setParameter(3, lease.batchSize())
                    .setParameter(4, WebhookRecipients.DELIVERY_REQUESTED)
                    .getResultList();
            return rows.stream().map(r -> new Due((UUID) r[0], (UUID) r[1], (String) r[2],
                    liveSecrets((String) r[3], (String) r[4], SqlTimes.utc(r[5]), now), (String) r[6],
                    ((Number) r[7]).intValue(), (String) r[8], (Boolean) r[9], SqlTimes.utc(r[10]),
                    (Boolean) r[11], SqlTimes.utc(r[12]), (String) r[13], Boolean.TRUE.equals(r[14]), SqlTimes.utc(r[15]))).toList();
        });
    }

    /** The current secret, and the one it replaced while that is still honoured (a rotation in progress). */
    private static List<String> liveSecrets(String current, String previous, OffsetDateTime previousUntil, OffsetDateTime now) {
        return previous != null && previousUntil != null && previousUntil.isAfter(now) ? List.of(current, previous) : List.of(current);
    }

    /** Sends {@code payload} (the stored one, with what is filled in at send time) and records the outcome. */
    private void deliver(Due due, String payload) {
        long timestamp = clock.instant().getEpochSecond();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            WebhookTargets.Target target = WebhookTargets.resolve(due.url(), config);
            // The answer must begin within the per-delivery worst case the lease was computed with.
            status = sender.post(target, Map.of(
                    "Content-Type", "application/cloudevents+json",
                    "User-Agent", "crm-suite-webhooks/1",
                    "webhook-id", due.id().toString(),
                    "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", WebhookSignature.sign(due.secrets(), due.id().toString(), timestamp, payload)),
                    payload, lease.perDelivery());
            if (status / 100 != 2) {
                error = "HTTP " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (TimeoutException e) {
            error = "no answer within " + lease.perDelivery().toMillis() + " ms";
        } catch (ExecutionException e) {
            error = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        int duration = (int) ((System.nanoTime() - started) / 1_000_000);
        record(due, status, error, duration);
    }

    private void record(Due due, Integer status, String error, int durationMs) {
        boolean givenUp = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            em.createNativeQuery("""
                            insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
                            values (?1, ?2, ?3, ?4, ?5)""")
                    .setParameter(1, due.id()).setParameter(2, now).setParameter(3, status)
                    .setParameter(4, error == null ? null : error.substring(0, Math.min(500, error.length())))
                    .setParameter(5, durationMs).executeUpdate();
            int attempts = due.attempts() + 1;
            if (error == null) {
                em.createNativeQuery("""
                                update webhook_delivery set status = 'DELIVERED', attempts = ?2, delivered_at = ?3, lease_until = null
                                where id = ?1""").setParameter(1, due.id()).setParameter(2, attempts).setParameter(3, now).executeUpdate();
                em.createNativeQuery("update webhook_subscription set consecutive_failures = 0 where id = ?1")
                        .setParameter(1, due.subscription()).executeUpdate();
                return false;
            }
            boolean lastAttempt = attempts >= config.maxAttempts();
            em.createNativeQuery("""
                            update webhook_delivery set status = ?2, attempts = ?3, next_attempt_at = ?4, lease_until = null
                            where id = ?1""")
                    .setParameter(1, due.id()).setParameter(2, lastAttempt ? "FAILED" : "PENDING").setParameter(3, attempts)
                    .setParameter(4, now.plus(backoff(attempts))).executeUpdate();
            em.createNativeQuery("""
                            update webhook_subscription set consecutive_failures = consecutive_failures + 1,
                                status = case when consecutive_failures + 1 >= ?2 then 'DISABLED' else status end,
                                disabled_at = case when consecutive_failures + 1 >= ?2 then ?3 else disabled_at end,
                                disabled_reason = case when consecutive_failures + 1 >= ?2 then ?4 else disabled_reason end
                            where id = ?1""")
                    .setParameter(1, due.subscription()).setParameter(2, config.disableAfterFailures())
                    .setParameter(3, now).setParameter(4, "disabled after " + config.disableAfterFailures()
                            + " consecutive failed deliveries; last: " + error)
                    .executeUpdate();
            return lastAttempt;
        });
        if (error != null) {
            // Counted once the attempt is on record, so the metric never runs ahead of the attempts table.
            (givenUp ? failedAbandoned : failedRetried).increment();
        }
    }

    /** base × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        long millis = config.backoffBase().toMillis() << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(millis, config.backoffMax().toMillis()));
    }
}
