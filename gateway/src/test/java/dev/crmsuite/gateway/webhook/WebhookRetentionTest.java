package dev.crmsuite.gateway.webhook;

import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries are purged by age on a clock moved forward (issue 17): finished ones and their
 * attempts go after crm.gateway.webhooks.delivery-retention (30 days), a pending one never does.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class WebhookRetentionTest {

    @Inject
    WebhookRetention retention;
    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        ControllableClock.reset();
    }

    @Test
    void finished_deliveries_go_after_their_retention_and_pending_ones_stay() {
        UUID subscription = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into webhook_subscription (id, owner, partner, url, event_types, secret, status, created_at)
                        values (?1, 'retention-test', 'Retention test', 'https://192.0.2.10/hook', 'crm.purchase.recorded.v1',
                                'whsec_dGVzdA==', 'ACTIVE', ?2)""")
                .setParameter(1, subscription).setParameter(2, now).executeUpdate());
        UUID delivered = delivery(subscription, "DELIVERED", now);
        UUID withheld = delivery(subscription, "WITHHELD", now);
        // Next attempt a year out, so the dispatcher leaves it alone while the test moves the clock.
        UUID pending = delivery(subscription, "PENDING", now);
        UUID later = delivery(subscription, "FAILED", now.plusDays(20));

        // Today nothing is old enough.
        retention.purge();
        assertThat(remaining(subscription)).isEqualTo(4);

        // 31 days on: the two finished ones of day 0 and the attempt go; the pending one is still owed,
        // and the one finished on day 20 is 11 days old.
        ControllableClock.advance(Duration.ofDays(31));
        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
        assertThat(exists(delivered)).isFalse();
        assertThat(exists(withheld)).isFalse();
        assertThat(exists(pending)).isTrue();
        assertThat(exists(later)).isTrue();
        assertThat(attempts(delivered)).isZero();
        assertThat(attempts(pending)).isEqualTo(1);
    }

    private UUID delivery(UUID subscription, String status, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                            insert into webhook_delivery (id, subscription_id, event_id, event_type, customer_id, payload, status,
                                                          attempts, next_attempt_at, created_at)
                            values (?1, ?2, ?3, 'crm.purchase.recorded.v1', ?4, '{}', ?5, 1, ?6, ?6)""")
                    .setParameter(1, id).setParameter(2, subscription).setParameter(3, UUID.randomUUID().toString())
                    .setParameter(4, UUID.randomUUID().toString()).setParameter(5, status).setParameter(6, createdAt)
                    .executeUpdate();
            em.createNativeQuery("update webhook_delivery set next_attempt_at = ?2 where id = ?1")
                    .setParameter(1, id).setParameter(2, createdAt.plusDays(365)).executeUpdate();
            em.createNativeQuery("""
                            insert into webhook_attempt (delivery_id, attempted_at, status_code, duration_ms) values (?1, ?2, 204, 5)""")
                    .setParameter(1, id).setParameter(2, createdAt).executeUpdate();
        });
        return id;
    }

    private long remaining(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_delivery where subscription_id = ?1").setParameter(1, subscription)
                .getSingleResult()).longValue());
    }

    private boolean exists(UUID delivery) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_delivery where id = ?1").setParameter(1, delivery).getSingleResult()).longValue() == 1);
    }

    private long attempts(UUID delivery) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_attempt where delivery_id = ?1").setParameter(1, delivery).getSingleResult()).longValue());
    }
}
