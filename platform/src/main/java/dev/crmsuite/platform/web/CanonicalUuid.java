package dev.crmsuite.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as the suite accepts them: exactly 8-4-4-4-12 hex digits, nothing around them. Jackson trims
 * a UUID before reading it and {@link UUID#fromString} takes short groups ({@code 1-1-1-1-1}), so a
 * customer id with a leading space was once read as that customer while a check on the text saw
 * another. Every UUID in a request body is read strictly (400 naming the field), and every UUID
 * path or query parameter too (a path id in another spelling names nothing: 404).
 */
public final class CanonicalUuid {

    private static final Pattern FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CanonicalUuid() {
    }

    public static boolean canonical(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    public static Optional<UUID> parse(String text) {
        return canonical(text) ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    /** Registered on the REST mapper by {@link JsonAccessors}. */
    static SimpleModule module() {
        return new SimpleModule("crm-canonical-uuids").addDeserializer(UUID.class, new Deserializer());
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
            return parse(text).orElseThrow(() -> InvalidFormatException.from(p, "not a UUID in canonical form", text, UUID.class));
        }
    }

    /** Path and query parameters typed {@code UUID}. */
    @Provider
    public static class Parameters implements ParamConverterProvider {

        private static final ParamConverter<UUID> STRICT = new ParamConverter<>() {
            @Override
            public UUID fromString(String value) {
                return parse(value).orElseThrow(() -> new IllegalArgumentException("not a UUID in canonical form"));
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
