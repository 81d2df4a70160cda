package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as this service accepts them: exactly 8-4-4-4-12 hex digits, nothing around them. Jackson
 * trims a UUID before reading it and {@link UUID#fromString} takes short groups ({@code 1-1-1-1-1}),
 * so a customer id with a leading space in a body would otherwise be read as that customer. Every
 * UUID in a request body ({@code referredCustomerId}, {@code targetCustomerId}) is read strictly
 * (400 naming the field), and so is every id in a path (anything else is an unknown id: 404).
 */
public final class CanonicalIds {

    private static final Pattern FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CanonicalIds() {
    }

    public static boolean canonical(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** Request bodies: the REST layer's ObjectMapper reads every UUID strictly. */
    @Singleton
    public static class Json implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("canonical-uuids").addDeserializer(UUID.class, new Deserializer()));
        }
    }

    static final class Deserializer extends StdScalarDeserializer<UUID> {

        Deserializer() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            String text = p.getText();
            if (!canonical(text)) {
                throw InvalidFormatException.from(p, "not a UUID in canonical form", text, UUID.class);
            }
            return UUID.fromString(text);
        }
    }

    /** Path parameters: an id in another spelling names no customer. */
    @Provider
    public static class Paths implements ParamConverterProvider {

        private static final ParamConverter<UUID> STRICT = new ParamConverter<>() {
            @Override
            public UUID fromString(String value) {
                if (!canonical(value)) {
                    throw new IllegalArgumentException("not a UUID in canonical form");
                }
                return UUID.fromString(value);
            }

            @Override
            public String toString(UUID value) {
                return value.toString();
            }
        };

        @Override
        @SuppressWarnings("unchecked")
        public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
            return rawType == UUID.class ? (ParamConverter<T>) STRICT : null;
        }
    }
}
