package dev.crmsuite.customer.run;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A long run's step that PostgreSQL undoes to end a deadlock with a request is run again, not the run failed. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RunStepsTest {

    @Inject
    EntityManager em;

    @Test
    void a_step_that_loses_a_deadlock_runs_again() throws Exception {
        // Two customers in the database's id order: the step locks them as the recomputation's steps do.
        String a = Api.register();
        String b = Api.register();
        UUID low = UUID.fromString(Rows.value("select id::text from customer where id in (?::uuid, ?::uuid) order by id limit 1", a, b));
        UUID high = UUID.fromString(a).equals(low) ? UUID.fromString(b) : UUID.fromString(a);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch holdingLow = new CountDownLatch(1);
        CountDownLatch lockHigh = new CountDownLatch(1);
        // Threads of their own: the common pool has a single thread on 2 cores, which the step blocks.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<String> step = CompletableFuture.supplyAsync(() -> RunSteps.inTransaction(() -> {
            int attempt = attempts.incrementAndGet();
            lock(low);
            if (attempt == 1) {
                holdingLow.countDown();
                awaitQuietly(lockHigh);
            }
            lock(high);
            return "done";
        }), threads);
        assertThat(holdingLow.await(30, TimeUnit.SECONDS)).isTrue();

        // A request holding the other customer, then waiting for the step's (a purchase locks its
        // customer, then writes its referrer's value).
        try (Connection request = PostgresDatabase.connect()) {
            request.setAutoCommit(false);
            execute(request, "select id from customer where id = '" + high + "' for update");
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() ->
                    execute(request, "update customer set version = version where id = '" + low + "'"), threads);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Rows.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'update customer set version = version%'") == 1);
            // Each waiter checks for a deadlock once, deadlock_timeout after it began to wait. Let the
            // request's check pass before the step closes the cycle, so the step's check finds it and
            // PostgreSQL undoes the step (as it does a recomputation's step that waited first).
            Thread.sleep(Long.parseLong(Rows.value("select setting from pg_settings where name = 'deadlock_timeout'")) + 500);
            lockHigh.countDown();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).as("the request's update, once the step was undone").isEqualTo(1);
            request.commit();
        }
        assertThat(step.get(30, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(attempts).as("attempts of the step").hasValue(2);
        threads.shutdown();
    }

    @Test
    void only_lock_races_are_retried() {
        assertThat(RunSteps.lostLockRace(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(RunSteps.lostLockRace(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(RunSteps.lostLockRace(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(RunSteps.lostLockRace(new IllegalStateException("no database at all"))).isFalse();
        AtomicInteger attempts = new AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunSteps.inTransaction(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a step's own failure");
        })).hasStackTraceContaining("a step's own failure");
        assertThat(attempts).as("a failure other than a lock race is not run again").hasValue(1);
    }

    private void lock(UUID customer) {
        em.createNativeQuery("select id from customer where id = ?1 for update").setParameter(1, customer).getSingleResult();
    }

    private static int execute(Connection c, String sql) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return s.execute() ? 1 : s.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
