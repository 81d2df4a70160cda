package dev.crmsuite.e2e;

import java.util.concurrent.TimeUnit;

/** How the tests end the processes they started (the services, Prism). */
final class Processes {

    private Processes() {
    }

    /** Asks the process to stop (SIGTERM: a graceful shutdown) and kills it if it is still there after {@code seconds}. */
    static void stop(Process process, long seconds) {
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
