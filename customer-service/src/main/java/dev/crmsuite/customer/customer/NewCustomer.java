package dev.crmsuite.customer.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client sends to register a customer. */
@Schema(name = "NewCustomer", description = "A customer to register")
public record NewCustomer(
        @Schema(description = "PERSON or COMPANY; PERSON when absent", examples = "PERSON")
        CustomerKind kind,
        @NotBlank @Size(max = 200)
        @Schema(description = "Full name of the person or legal name of the company", examples = "Li Wei", required = true)
        String name,
        @NotBlank @Email @Size(max = 254)
        @Schema(description = "Primary email; unique across customers (case-insensitive)", examples = "li.wei@example.com", required = true)
        String email) {
}
