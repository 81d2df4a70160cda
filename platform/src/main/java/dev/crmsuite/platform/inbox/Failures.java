package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.PoisonEventException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells failures worth retrying (the database is away for a moment) from ones that never heal. */
public final class Failures {

    private Failures() {
    }

    public static boolean isPoison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoisonEventException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connection loss, server shutdown, lock or serialization conflicts: the same event will very
     * likely succeed later, so it must not be dead-lettered.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57P") || state.equals("55P03")) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            if (name.endsWith("JDBCConnectionException") || name.endsWith("LockAcquisitionException")
                    || name.endsWith("PessimisticLockException") || name.endsWith("LockTimeoutException")
                    || name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")
                    || name.equals("jakarta.transaction.RollbackException") && t.getCause() == null) {
                return true;
            }
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("acquisition timeout")) {
                return true;
            }
            if (name.startsWith("io.agroal")) {
                return true;
            }
        }
        return false;
    }
}
