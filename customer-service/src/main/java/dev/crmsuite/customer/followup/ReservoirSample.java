package dev.crmsuite.customer.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A uniform random sample of at most {@code size} items from a stream of unknown length (Algorithm R):
 * every item seen has the same chance to be in the sample, and memory holds the sample only.
 */
final class ReservoirSample<T> {

    private final int size;
    private final RandomGenerator random;
    private final List<T> chosen;
    private int seen;

    ReservoirSample(int size, RandomGenerator random) {
        this.size = size;
        this.random = random;
        this.chosen = new ArrayList<>(size);
    }

    void add(T item) {
        seen++;
        if (chosen.size() < size) {
            chosen.add(item);
            return;
        }
        int slot = random.nextInt(seen);
        if (slot < size) {
            chosen.set(slot, item);
        }
    }

    /** How many items were offered. */
    int seen() {
        return seen;
    }

    List<T> chosen() {
        return List.copyOf(chosen);
    }
}
