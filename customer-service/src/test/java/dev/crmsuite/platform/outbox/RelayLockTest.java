package dev.crmsuite.platform.outbox;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's one statement says whether it got the relay lock, against the real database: a look
 * that met another replica's batch must be told apart from an empty outbox, or the relay would slow
 * down (RelayPace) while rows committed after that replica read its batch wait. Lives in the
 * platform's package to call the relay's look directly; the platform module has no database.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RelayLockTest {

    @Inject
    OutboxRelay relay;

    @Test
    void a_look_while_another_replica_holds_the_relay_lock_says_so_and_publishes_nothing() throws Exception {
        try (Connection otherReplica = PostgresDatabase.connect()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            assertThat(relay.publishBatch()).isEqualTo(new OutboxRelay.Look(false, 0));
            assertThat(relay.publishBatch().locked()).isFalse();
            otherReplica.commit(); // the other replica's batch ends: its transaction-level lock goes with it
        }
        // The relay's own thread may hold the lock for a moment with a batch of its own: look until this one gets it.
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.publishBatch().locked());
    }
}
