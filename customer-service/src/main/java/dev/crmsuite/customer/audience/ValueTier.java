package dev.crmsuite.customer.audience;

/** The Pareto value tiers a customer can be ranked in (see value/ValueTiers): A the top, C the rest. */
public enum ValueTier {
    A, B, C
}
