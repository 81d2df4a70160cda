package dev.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

/**
 * The customer as events carry it (docs/event-contracts.md, CustomerSnapshot): ids, codes and flags
 * only. Name, email and phone are personal data, which must not enter crm.customers (kept forever);
 * they travel in the profile's personal record instead ({@link CustomerPersonalData}).
 */
public record CustomerSnapshot(UUID customerId, CustomerKind kind, Consents consents, String accountManager, String segment,
                               String valueTier, String stage, List<String> tags) {

    public record Consents(boolean marketing, boolean partnerSharing) {
    }

    public static CustomerSnapshot of(Customer c) {
        return new CustomerSnapshot(c.id, c.kind, new Consents(c.consentMarketing, c.consentPartnerSharing), c.accountManager,
                c.segment, c.valueTier, c.stage, CustomerJson.tags(c));
    }
}
