package dev.crmsuite.platform.inbox;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PerTransactionTest {

    /** Just enough of a JTA registry: one transaction at a time, its resources in a map. */
    static final class OneTransaction implements TransactionSynchronizationRegistry {
        Object key;
        final Map<Object, Object> resources = new HashMap<>();

        void begin(Object k) {
            key = k;
            resources.clear();
        }

        @Override public Object getTransactionKey() { return key; }
        @Override public void putResource(Object k, Object value) { resources.put(k, value); }
        @Override public Object getResource(Object k) { return resources.get(k); }
        @Override public void registerInterposedSynchronization(Synchronization sync) { }
        @Override public int getTransactionStatus() { return 0; }
        @Override public void setRollbackOnly() { }
        @Override public boolean getRollbackOnly() { return false; }
    }

    @Test
    void reads_once_per_key_and_transaction_and_again_in_the_next() {
        OneTransaction tx = new OneTransaction();
        PerTransaction perTransaction = new PerTransaction(tx);
        AtomicInteger reads = new AtomicInteger();
        tx.begin("tx-1");
        assertThat(perTransaction.remember("a", reads::incrementAndGet)).isEqualTo(1);
        assertThat(perTransaction.remember("a", reads::incrementAndGet)).isEqualTo(1);
        assertThat(perTransaction.remember("b", () -> "other")).isEqualTo("other");
        tx.begin("tx-2");
        assertThat(perTransaction.remember("a", reads::incrementAndGet)).isEqualTo(2);
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void without_a_transaction_every_call_reads() {
        OneTransaction none = new OneTransaction();
        PerTransaction perTransaction = new PerTransaction(none);
        AtomicInteger reads = new AtomicInteger();
        perTransaction.remember("a", reads::incrementAndGet);
        perTransaction.remember("a", reads::incrementAndGet);
        assertThat(reads.get()).isEqualTo(2);
    }
}
