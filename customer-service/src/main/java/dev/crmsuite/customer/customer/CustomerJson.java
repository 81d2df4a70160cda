package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.crmsuite.platform.events.EventJson;

import java.util.List;

/** Reads and writes the JSON columns of {@link Customer}. */
public final class CustomerJson {

    // Readers resolved once: looking the generic type up on every read showed in the read-path profile.
    private static final ObjectReader EMAILS = EventJson.MAPPER.readerFor(new TypeReference<List<CustomerProfile.EmailAddress>>() { });
    private static final ObjectReader PHONES = EventJson.MAPPER.readerFor(new TypeReference<List<CustomerProfile.PhoneNumber>>() { });
    private static final ObjectReader ADDRESS = EventJson.MAPPER.readerFor(CustomerProfile.Address.class);
    private static final ObjectReader TAGS = EventJson.MAPPER.readerFor(new TypeReference<List<String>>() { });
    private static final ObjectReader TREE = EventJson.MAPPER.readerFor(JsonNode.class);

    private CustomerJson() {
    }

    public static List<CustomerProfile.EmailAddress> emails(Customer c) {
        return read(c.emails, EMAILS);
    }

    public static List<CustomerProfile.PhoneNumber> phones(Customer c) {
        return read(c.phones, PHONES);
    }

    public static CustomerProfile.Address address(Customer c) {
        return c.address == null ? null : read(c.address, ADDRESS);
    }

    public static List<String> tags(Customer c) {
        return read(c.tags, TAGS);
    }

    public static JsonNode attributes(Customer c) {
        return read(c.attributes, TREE);
    }

    public static String write(Object value) {
        return value == null ? null : EventJson.write(value);
    }

    private static <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match its type", e);
        }
    }
}
