package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.OffsetDateTime;
import java.util.List;

/** Payload of {@code crm.customer.updated.v1}: CustomerSnapshot + changedFields + updatedAt. */
public record CustomerUpdated(@JsonUnwrapped CustomerSnapshot customer, List<String> changedFields, OffsetDateTime updatedAt) {
    public static final String TYPE = "crm.customer.updated.v1";
}
