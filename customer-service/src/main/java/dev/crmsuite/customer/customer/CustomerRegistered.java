package dev.crmsuite.customer.customer;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Payload of {@code crm.customer.registered.v1}: enough for every consumer to build its own copy. */
public record CustomerRegistered(UUID customerId, CustomerKind kind, String name, String email,
                                 OffsetDateTime registeredAt) {
    public static final String TYPE = "crm.customer.registered.v1";
}
