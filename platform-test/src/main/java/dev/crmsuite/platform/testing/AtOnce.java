package dev.crmsuite.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** The same request sent by several callers at the same moment: how races are tested. */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * Runs {@code call} for 0..callers-1, each on its own thread, all released together by one latch;
     * returns their results in that order (waiting at most a minute for each).
     */
    public static <T> List<T> run(int callers, IntFunction<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                pending.add(threads.submit(() -> {
                    start.await();
                    return call.apply(caller);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : pending) {
                results.add(result.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
