package dev.crmsuite.customer.segment;

/** Price sensitivity and relationship orientation are each LOW or HIGH. */
public enum Level {
    LOW, HIGH
}
