package dev.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

/** The customer as events carry it (docs/event-contracts.md, CustomerSnapshot). */
public record CustomerSnapshot(UUID customerId, CustomerKind kind, String name, String email, String phone,
                               Consents consents, String accountManager, String segment, String valueTier,
                               String stage, List<String> tags) {

    public record Consents(boolean marketing, boolean partnerSharing) {
    }

    public static CustomerSnapshot of(Customer c) {
        return new CustomerSnapshot(c.id, c.kind, c.displayName, c.email, c.phone,
                new Consents(c.consentMarketing, c.consentPartnerSharing), c.accountManager, c.segment, c.valueTier,
                c.stage, CustomerJson.tags(c));
    }
}
