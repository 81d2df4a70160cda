package dev.crmsuite.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
        mapper.registerModule(NoControlCharacters.module());
        mapper.registerModule(CanonicalUuid.module());
    }
}
