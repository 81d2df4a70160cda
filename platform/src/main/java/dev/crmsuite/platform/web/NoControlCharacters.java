package dev.crmsuite.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Text in a request body may hold line breaks and tabs but no other control character: a NUL
 * cannot be stored by PostgreSQL (it was a 500), and the others only ever arrive by accident or
 * attack. The platform problem mapping turns the refusal into 400 naming the field.
 */
public final class NoControlCharacters extends StringDeserializer {

    public static SimpleModule module() {
        return new SimpleModule("crm-no-control-characters").addDeserializer(String.class, new NoControlCharacters());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        if (value != null && firstControl(value) >= 0) {
            throw new IllegalArgumentException("must not contain control characters (other than line breaks and tabs)");
        }
        return value;
    }

    /** Index of the first control character other than tab, line feed and carriage return, or -1. */
    static int firstControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }
}
