package dev.crmsuite.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The REST mapper reads and writes properties through generated accessors (Blackbird) instead of
 * reflection. Profiling a customer read showed Jackson's reflective getter calls as the largest
 * single cost in the JVM; the JSON itself is unchanged. (Quarkus' reflection-free serializers are
 * not used: in 3.37.1 they drop null boxed fields, which the API documents and sends.) It also
 * refuses a key repeated in one object, control characters in request text ({@link NoControlCharacters}) and UUIDs in any but
 * their canonical spelling ({@link CanonicalUuid}), and writes timestamps without the general
 * date formatter ({@link OffsetDateTimeText}).
 */
@Singleton
public class JsonAccessors implements ObjectMapperCustomizer {

    /**
     * A value of the wrong JSON type is the caller's mistake, not something to guess at:
     * {@code {"name":42}}, {@code "amount":"59.90"}, {@code "quantity":1.5} or {@code "active":"yes"}
     * are 400 naming the field, where Jackson would store "42", read 59.90, truncate to 1 or parse.
     * (A whole number for a decimal field stays accepted: 99 is a valid amount.)
     */
    static void refuseCoercion(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.configure(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        // Jackson reads a number as an enum constant's ordinal ({"channel": 1} would be the second
        // channel): an enum is its name, nothing else.
        mapper.configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.registerModule(DATES_AS_TEXT);
        // {"points":1,"points":100000} means whatever the reader picks (Jackson the last, others the
        // first): a body two readers may understand differently is refused as malformed (400).
        mapper.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * A date or time (java.time: Instant, OffsetDateTime, LocalDate, ...) is ISO 8601 text. Jackson's
     * java.time readers also take a number as seconds or days since 1970 ({@code "dueAt": 42} would be
     * 1970-01-01T00:00:42Z) and ignore the coercion settings above, so their readers are wrapped to
     * refuse a number like any other wrong type (400 naming the field).
     */
    static final com.fasterxml.jackson.databind.module.SimpleModule DATES_AS_TEXT =
            new com.fasterxml.jackson.databind.module.SimpleModule("crm-dates-as-text") {
                @Override
                public void setupModule(SetupContext context) {
                    super.setupModule(context);
                    context.addBeanDeserializerModifier(new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
                        @Override
                        public com.fasterxml.jackson.databind.JsonDeserializer<?> modifyDeserializer(
                                com.fasterxml.jackson.databind.DeserializationConfig config,
                                com.fasterxml.jackson.databind.BeanDescription description,
                                com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer) {
                            Class<?> type = description.getBeanClass();
                            return java.time.temporal.Temporal.class.isAssignableFrom(type) && type.getPackageName().equals("java.time")
                                    ? new TextOnly<>(deserializer, type) : deserializer;
                        }
                    });
                }
            };

    /** Delegates to the java.time reader unless the value is a number. */
    private static final class TextOnly<T> extends com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer {
        private final Class<?> type;

        TextOnly(com.fasterxml.jackson.databind.JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected com.fasterxml.jackson.databind.JsonDeserializer<?> newDelegatingInstance(com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
            return new TextOnly<>(delegate, type);
        }

        @Override
        public Object deserialize(com.fasterxml.jackson.core.JsonParser parser, com.fasterxml.jackson.databind.DeserializationContext context)
                throws java.io.IOException {
            if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
                return context.handleUnexpectedToken(type, parser.currentToken(), parser,
                        "a date or time is ISO 8601 text, not a number");
            }
            return super.deserialize(parser, context);
        }
    }

    /**
     * Last of the customizers: Quarkus' generated one registers the java.time module at
     * {@code MINIMUM_PRIORITY + 100}, and of two modules with a serializer for one type the one
     * registered later is used ({@link OffsetDateTimeText} must come after Jackson's).
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
        mapper.registerModule(NoControlCharacters.module());
        mapper.registerModule(CanonicalUuid.module());
        mapper.registerModule(OffsetDateTimeText.module());
        refuseCoercion(mapper);
    }
}
