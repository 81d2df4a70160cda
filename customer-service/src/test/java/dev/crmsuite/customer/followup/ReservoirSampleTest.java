package dev.crmsuite.customer.followup;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReservoirSampleTest {

    @Test
    void fewer_items_than_the_size_are_all_chosen() {
        ReservoirSample<Integer> sample = new ReservoirSample<>(5, new Random(1));
        IntStream.range(0, 3).forEach(sample::add);
        assertThat(sample.chosen()).containsExactly(0, 1, 2);
        assertThat(sample.seen()).isEqualTo(3);
    }

    @Test
    void many_items_give_a_sample_of_the_size_with_every_item_equally_likely() {
        int items = 20;
        int[] picked = new int[items];
        Random random = new Random(42);
        int runs = 20_000;
        for (int run = 0; run < runs; run++) {
            ReservoirSample<Integer> sample = new ReservoirSample<>(5, random);
            IntStream.range(0, items).forEach(sample::add);
            assertThat(sample.chosen()).hasSize(5).doesNotHaveDuplicates();
            sample.chosen().forEach(i -> picked[i]++);
        }
        // Each item is in a sample with probability 5/20: 5,000 of 20,000 runs; the first and the
        // last items (the ones a wrong replacement rule favours) included.
        for (int count : picked) {
            assertThat(count).isBetween(4_700, 5_300);
        }
    }
}
