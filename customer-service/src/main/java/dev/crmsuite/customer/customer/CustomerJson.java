package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.EventJson;

import java.util.List;

/** Reads and writes the JSON columns of {@link Customer}. */
public final class CustomerJson {

    private CustomerJson() {
    }

    public static List<CustomerProfile.EmailAddress> emails(Customer c) {
        return read(c.emails, new TypeReference<>() { });
    }

    public static List<CustomerProfile.PhoneNumber> phones(Customer c) {
        return read(c.phones, new TypeReference<>() { });
    }

    public static CustomerProfile.Address address(Customer c) {
        return c.address == null ? null : read(c.address, new TypeReference<>() { });
    }

    public static List<String> tags(Customer c) {
        return read(c.tags, new TypeReference<>() { });
    }

    public static JsonNode attributes(Customer c) {
        return read(c.attributes, new TypeReference<>() { });
    }

    public static String write(Object value) {
        return value == null ? null : EventJson.write(value);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match its type", e);
        }
    }
}
