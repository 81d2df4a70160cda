package dev.crmsuite.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The JSON mapper for events on the wire. Kept apart from the REST mapper on purpose: events must
 * tolerate fields added by newer producers (forward compatibility), while the REST API rejects
 * unknown fields.
 */
public final class EventJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Money stays as written: 99.00 read into a tree and written again is 99.00, not 99.0
            // (the gateway re-serialises answers it cuts for partners, projections keep amounts).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private EventJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    public static CloudEvent parse(String json) {
        if (json == null) {
            throw new PoisonEventException("record has no value");
        }
        try {
            return MAPPER.readValue(json, CloudEvent.class).requireValid();
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("not a CloudEvents JSON document: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an event's data into a payload record; a mismatch is a poison event, not a retry. */
    public static <T> T data(CloudEvent event, Class<T> type) {
        try {
            return MAPPER.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("data of " + event.type() + " does not match " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
