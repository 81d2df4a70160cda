package dev.crmsuite.customer.lifecycle;

/** The six steps to loyalty, plus LOST for customers who left. */
public enum Stage {
    PROSPECT, HESITANT, TRUSTING, REPEAT_BUYER, STABLE_PARTNER, LONG_TERM_PARTNER, LOST
}
