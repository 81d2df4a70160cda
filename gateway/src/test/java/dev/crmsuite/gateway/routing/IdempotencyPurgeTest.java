package dev.crmsuite.gateway.routing;

import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys older than their lifetime are purged (in the platform's batches); younger ones stay. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class IdempotencyPurgeTest {

    @Inject
    IdempotencyStore store;
    @Inject
    EntityManager em;

    @Test
    void keys_older_than_their_lifetime_go_and_younger_ones_stay() {
        String caller = "purge-test-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) {
            key(caller, "old-" + i, now.minus(IdempotencyStore.KEY_LIFETIME).minusMinutes(5));
        }
        key(caller, "young", now.minus(IdempotencyStore.KEY_LIFETIME).plusMinutes(30));
        store.purge();
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select idem_key from gateway_idempotency where caller = ?1 order by idem_key")
                .setParameter(1, caller).getResultList())).containsExactly("young");
    }

    private void key(String caller, String key, OffsetDateTime createdAt) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into gateway_idempotency (caller, idem_key, request_hash, status, created_at)
                        values (?1, ?2, 'h', 201, ?3)""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, createdAt).executeUpdate());
    }
}
