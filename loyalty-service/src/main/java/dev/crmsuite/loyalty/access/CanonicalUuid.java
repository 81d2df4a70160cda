package dev.crmsuite.loyalty.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as this service accepts them: exactly 8-4-4-4-12 hex digits, nothing around them. Jackson's
 * UUID reading trims and {@link UUID#fromString} takes short groups ({@code 1-1-1-1-1}); a spelling
 * that is read into another id is how a check on the text and an action on the value once disagreed,
 * so anything but the canonical form is refused (400 in a body or query, unknown id in a path).
 */
public final class CanonicalUuid {

    private static final Pattern FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CanonicalUuid() {
    }

    public static Optional<UUID> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    /** For request bodies: {@code @JsonDeserialize(using = CanonicalUuid.Deserializer.class)}. */
    public static final class Deserializer extends StdScalarDeserializer<UUID> {

        public Deserializer() {
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
}
