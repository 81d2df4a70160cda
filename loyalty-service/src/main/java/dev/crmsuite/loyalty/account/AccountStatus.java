package dev.crmsuite.loyalty.account;

/** ACTIVE earns and redeems; CLOSED (customer erased) and MERGED (moved into another account) do neither. */
public enum AccountStatus {
    ACTIVE, CLOSED, MERGED
}
