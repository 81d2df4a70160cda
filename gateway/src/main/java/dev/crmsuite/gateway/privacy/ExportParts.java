package dev.crmsuite.gateway.privacy;

import java.util.List;
import java.util.UUID;

/**
 * Where each service serves its part of a person's export (docs/privacy-export design in
 * docs/security.md): the path on the owning service, and the name of the part in the composed document.
 */
public final class ExportParts {

    /** One service's part. */
    public record Part(String name, String service, String pathTemplate) {
        String path(UUID customerId) {
            return pathTemplate.replace("{customerId}", customerId.toString());
        }
    }

    /** The customer part comes first: it decides unknown (404) and merged (308) for the whole export. */
    public static final Part CUSTOMER = new Part("customer", "customer", "/api/v1/customers/{customerId}/export");

    public static final List<Part> ALL = List.of(
            CUSTOMER,
            new Part("loyalty", "loyalty", "/api/v1/privacy/loyalty/customers/{customerId}/export"),
            new Part("complaints", "complaint", "/api/v1/privacy/complaints/customers/{customerId}/export"),
            new Part("surveys", "survey", "/api/v1/privacy/surveys/customers/{customerId}/export"));

    private ExportParts() {
    }
}
