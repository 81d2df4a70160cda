package dev.crmsuite.gateway.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Sends due deliveries. Each replica leases a batch with {@code FOR UPDATE SKIP LOCKED} in a short
 * transaction, sends outside it, then records the outcome, so several gateway replicas share the
 * work and a crashed replica's lease simply runs out. Failures back off exponentially; after
 * {@code maxAttempts} a delivery is given up, and after {@code disableAfterFailures} consecutive
 * failures the whole subscription is disabled until the partner re-enables it.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    EntityManager em;
    @Inject
    WebhooksConfig config;
    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private record Due(UUID id, UUID subscription, String url, String secret, String payload, int attempts) {
    }

    @Scheduled(every = "${crm.gateway.webhooks.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        List<Due> due;
        try {
            due = lease();
        } catch (RuntimeException e) {
            LOG.debugf("webhook dispatch skipped: %s", e.toString());
            return;
        }
        due.forEach(this::deliver);
    }

    List<Due> lease() {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            update webhook_delivery d set lease_until = ?1
                            from webhook_subscription s
                            where d.subscription_id = s.id and d.id in (
                                select id from webhook_delivery
                                where status = 'PENDING' and next_attempt_at <= ?2 and (lease_until is null or lease_until < ?2)
                                order by next_attempt_at limit 20 for update skip locked)
                              and s.status = 'ACTIVE'
                            returning d.id, d.subscription_id, s.url, s.secret, d.payload, d.attempts""")
                    .setParameter(1, now.plusSeconds(60)).setParameter(2, now).getResultList();
            return rows.stream().map(r -> new Due((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue())).toList();
        });
    }

    private void deliver(Due due) {
        long timestamp = clock.instant().getEpochSecond();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            URI target = WebhookTargets.check(due.url(), config.allowPrivateTargets(), config.allowHttp());
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/cloudevents+json")
                    .header("User-Agent", "crm-suite-webhooks/1")
                    .header("Webhook-Id", due.id().toString())
                    .header("Webhook-Timestamp", Long.toString(timestamp))
                    .header("Webhook-Signature", WebhookSignature.sign(due.secret(), due.id().toString(), timestamp, due.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(due.payload())).build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 != 2) {
                error = "HTTP " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        int duration = (int) ((System.nanoTime() - started) / 1_000_000);
        record(due, status, error, duration);
    }

    private void record(Due due, Integer status, String error, int durationMs) {
        QuarkusTransaction.requiringNew().run(() -> {
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
                return;
            }
            boolean givenUp = attempts >= config.maxAttempts();
            em.createNativeQuery("""
                            update webhook_delivery set status = ?2, attempts = ?3, next_attempt_at = ?4, lease_until = null
                            where id = ?1""")
                    .setParameter(1, due.id()).setParameter(2, givenUp ? "FAILED" : "PENDING").setParameter(3, attempts)
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
        });
    }

    /** base × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        long millis = config.backoffBase().toMillis() << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(millis, config.backoffMax().toMillis()));
    }
}
