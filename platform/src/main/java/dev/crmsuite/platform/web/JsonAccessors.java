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
 * refuses control characters in request text ({@link NoControlCharacters}) and UUIDs in any but
 * their canonical spelling ({@link CanonicalUuid}).
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
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
        mapper.registerModule(NoControlCharacters.module());
        mapper.registerModule(CanonicalUuid.module());
        refuseCoercion(mapper);
    }
}
