package dev.crmsuite.platform.events;

/**
 * An event that can never be processed, however often it is retried: malformed JSON, a missing
 * attribute, data that breaks a business rule. The consumer sends it to the dead-letter topic with
 * this message as the reason and moves on, so one bad record never blocks a partition.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
