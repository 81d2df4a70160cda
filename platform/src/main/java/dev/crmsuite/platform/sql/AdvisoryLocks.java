package dev.crmsuite.platform.sql;

import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Transaction-scoped PostgreSQL advisory locks on names, for a rule no constraint or row lock can hold
 * while it is checked: a value no row holds yet (an email address two creates claim at once), or work
 * that must run one at a time (merges). Held until commit or rollback.
 *
 * <p>A name is locked as {@code (hashtext(namespace), hashtext(name))} in PostgreSQL's two-int key
 * space, apart from the one-bigint keys of the outbox relay and the scheduled jobs. Two names that hash
 * alike only wait for each other; nothing is refused because of it.
 */
public final class AdvisoryLocks {

    static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(hashtext(?1), hashtext(?2))) locked";

    private AdvisoryLocks() {
    }

    /** Waits for, then holds, the lock on {@code name} in {@code namespace} until the transaction ends. */
    public static void lock(EntityManager em, String namespace, String name) {
        em.createNativeQuery(LOCK).setParameter(1, namespace).setParameter(2, name).getSingleResult();
    }

    /**
     * Locks several names, one statement each, in one order every caller shares (sorted, once each), so
     * two transactions locking overlapping sets cannot deadlock.
     */
    public static void lockAll(EntityManager em, String namespace, Collection<String> names) {
        for (String name : order(names)) {
            lock(em, namespace, name);
        }
    }

    static List<String> order(Collection<String> names) {
        return names.stream().map(Objects::requireNonNull).distinct().sorted().toList();
    }
}
