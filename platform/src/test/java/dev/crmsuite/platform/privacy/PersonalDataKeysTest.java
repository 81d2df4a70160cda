package dev.crmsuite.platform.privacy;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataKeysTest {

    private static final UUID CUSTOMER = UUID.fromString("0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d");

    @Test
    void aKeyNamesTheCustomerTheThingAndTheObject() {
        String key = PersonalData.key(CUSTOMER, "follow-up", "42");
        assertEquals(CUSTOMER + "/follow-up/42", key);
        assertEquals(new PersonalData.RecordKey(CUSTOMER, "follow-up", "42"), PersonalData.parse(key));
    }

    @Test
    void theTypeFollowsTheEventNaming() {
        assertEquals("crm.complaint.personal-data-recorded.v1", PersonalData.typeOf("complaint"));
        assertThrows(IllegalArgumentException.class, () -> PersonalData.typeOf("Complaint"));
        assertThrows(IllegalArgumentException.class, () -> PersonalData.typeOf("a.b"));
    }

    @Test
    void keysThatCannotBeTakenApartAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PersonalData.key(CUSTOMER, "customer", "a/b"));
        assertThrows(IllegalArgumentException.class, () -> PersonalData.key(CUSTOMER, "customer", " "));
        assertThrows(IllegalArgumentException.class, () -> PersonalData.key(null, "customer", "x"));
        assertNull(PersonalData.parse(CUSTOMER.toString()));
        assertNull(PersonalData.parse("not-a-uuid/customer/x"));
        assertNull(PersonalData.parse(CUSTOMER + "/Customer/x"));
        assertNull(PersonalData.parse(CUSTOMER + "/customer/"));
        assertNull(PersonalData.parse(null));
    }

    @Test
    void personalTopicsAreTheEventTopicWithASuffix() {
        assertEquals("crm.customers.personal", PersonalData.topicOf("crm.customers"));
        assertTrue(PersonalData.isPersonalTopic("crm.customers.personal"));
        assertFalse(PersonalData.isPersonalTopic("crm.customers"));
    }
}
