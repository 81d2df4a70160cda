package dev.crmsuite.customer.audience;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * One customer an audience holds now, with what sending needs. postalAddress: the profile's address
 * object or null; timeZone: the customer's IANA zone or null (then the installation's default applies).
 */
public record AudienceMember(UUID customerId, String displayName, String email, String phone, JsonNode postalAddress,
                             boolean marketingConsent, String timeZone, String segment, String valueTier) {
}
