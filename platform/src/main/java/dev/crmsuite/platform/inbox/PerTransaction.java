package dev.crmsuite.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.Supplier;

/**
 * A read done once per transaction. A consumer applies a batch of events in one transaction
 * ({@code crm.events.consumer-batch-size}); a subscriber that looks up the same configuration for
 * every event (the webhook subscriptions, the survey triggers) would otherwise run that statement
 * once per event. The batch commits as one, so it may as well see one moment's configuration, as a
 * single event always did. Outside a transaction the value is computed every time.
 *
 * <p>Not quarkus-cache: that caches across transactions and replicas' changes, which is exactly
 * what these reads must not do; the JTA registry's per-transaction resources are the right scope.
 */
@ApplicationScoped
public class PerTransaction {

    private final TransactionSynchronizationRegistry registry;

    public PerTransaction(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** The value under {@code key} in the current transaction, computed by {@code read} the first time. */
    @SuppressWarnings("unchecked")
    public <T> T remember(String key, Supplier<T> read) {
        if (registry.getTransactionKey() == null) {
            return read.get();
        }
        Object kept = registry.getResource(key);
        if (kept == null) {
            kept = read.get();
            registry.putResource(key, kept);
        }
        return (T) kept;
    }
}
