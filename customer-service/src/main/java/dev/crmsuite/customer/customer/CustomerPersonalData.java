package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.privacy.PersonalData;

import java.util.UUID;

/**
 * The profile's personal record on crm.customers.personal (thing {@value #THING}, object id = the
 * customer id): what another service needs to address the customer — the gateway shows it in the
 * customer-360 and fills a campaign delivery's recipient from it. {@code postalAddress} has the shape
 * of the profile's address (null when none). Re-recorded whenever one of these values changes, so the
 * compacted topic holds exactly the current profile; tombstoned on erasure.
 */
public record CustomerPersonalData(UUID customerId, String name, String email, String phone, CustomerProfile.Address postalAddress) {

    public static final String THING = "customer";

    public static CustomerPersonalData of(Customer c) {
        return new CustomerPersonalData(c.id, c.displayName, c.email, c.phone, CustomerJson.address(c));
    }

    /** Records the profile of {@code c} (replacing the one recorded before). */
    public static void record(PersonalData personalData, Customer c) {
        personalData.record(c.id, THING, c.id.toString(), of(c));
    }
}
