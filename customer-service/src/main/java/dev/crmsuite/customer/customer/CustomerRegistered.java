package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.OffsetDateTime;

/** Payload of {@code crm.customer.registered.v1}: CustomerSnapshot + registeredAt. */
public record CustomerRegistered(@JsonUnwrapped CustomerSnapshot customer, OffsetDateTime registeredAt) {
    public static final String TYPE = "crm.customer.registered.v1";
}
