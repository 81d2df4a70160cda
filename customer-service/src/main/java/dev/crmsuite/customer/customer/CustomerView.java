package dev.crmsuite.customer.customer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer as the API shows it. */
@Schema(name = "Customer", description = "A customer profile")
public record CustomerView(
        @Schema(description = "Customer id", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID id,
        @Schema(examples = "PERSON") CustomerKind kind,
        @Schema(examples = "Li Wei") String name,
        @Schema(examples = "li.wei@example.com") String email,
        @Schema(description = "Row version; also sent as the ETag header", examples = "0") long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static CustomerView of(Customer c) {
        return new CustomerView(c.id, c.kind, c.displayName, c.email, c.version, c.createdAt, c.updatedAt);
    }
}
