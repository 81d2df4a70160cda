package dev.crmsuite.customer.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One step of a long run (a range of the value recomputation's bulk pass, a batch of its refresh)
 * in a transaction of its own, run again when it lost a lock race.
 *
 * <p>A step locks its customers in id order while requests go on locking theirs: a purchase locks
 * its customer and then writes the referrer's value, a merge locks two customers. When such a
 * request holds a customer the step is about to lock and waits for one the step holds, PostgreSQL
 * ends the deadlock by undoing one side (SQLState 40P01), usually the step, which waited first. The
 * step's transaction is then wholly undone (its batch is back in the queue), so running it again is
 * safe; failing the whole run for it left a million customers to the next night's run.
 */
public final class RunSteps {

    private static final Logger LOG = Logger.getLogger(RunSteps.class);

    /** Deadlock, serialization failure, lock not available: the transaction was undone, nothing else is wrong. */
    private static final Set<String> LOCK_RACES = Set.of("40P01", "40001", "55P03");

    // SmallRye Fault Tolerance's retry (standalone: customer-service has no CDI fault-tolerance extension).
    private static final Guard RETRY_LOCK_RACES = Guard.create()
            .withDescription("run-step")
            .withRetry().maxRetries(5).delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS)
            .whenException(RunSteps::lostLockRace)
            .beforeRetry(failure -> LOG.warnf("a run's step lost a lock race and is run again: %s", failure.toString()))
            .done()
            .build();

    private RunSteps() {
    }

    /** Runs {@code step} in a new transaction, again (at most five times more) when it lost a lock race. */
    @SuppressWarnings("unchecked")
    public static <T> T inTransaction(Supplier<T> step) {
        return (T) RETRY_LOCK_RACES.get(() -> QuarkusTransaction.requiringNew().call(step::get), Object.class);
    }

    /** Whether {@code failure} is PostgreSQL undoing the transaction because it lost a race for a lock. */
    public static boolean lostLockRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_RACES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
