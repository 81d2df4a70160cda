package dev.crmsuite.platform.web;

import dev.crmsuite.platform.problem.Problem;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A query parameter that cannot be read as its type is the caller's mistake: 400 problem+json
 * naming the parameter ({@code limit: must be a whole number}), where JAX-RS would answer 404 "no
 * resource" as if the path were wrong. Covers the types our query parameters use: whole numbers,
 * decimals, booleans, dates, instants and enums (whose answer lists the accepted values).
 */
@Provider
public class QueryParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Long::valueOf);
        }
        if (rawType == BigDecimal.class) {
            return (ParamConverter<T>) converter(name, "must be a decimal number", BigDecimal::new);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "must be true or false", QueryParameters::strictBoolean);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "must be a date such as 2026-12-01", LocalDate::parse);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, "must be a date-time such as 2026-12-01T09:00:00Z", Instant::parse);
        }
        if (rawType == OffsetDateTime.class) {
            return (ParamConverter<T>) converter(name, "must be a date-time such as 2026-12-01T09:00:00Z", OffsetDateTime::parse);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) converter(name, "must be one of " + Arrays.toString(type.getEnumConstants()),
                    text -> Enum.valueOf(type, text));
        }
        return null;
    }

    private static String queryName(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam query) {
                    return query.value();
                }
                if (a instanceof org.jboss.resteasy.reactive.RestQuery rest) {
                    return rest.value();
                }
            }
        }
        return null;
    }

    private static Boolean strictBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static <V> ParamConverter<V> converter(String name, String message, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (RuntimeException e) {
                    throw new BadRequestException(jakarta.ws.rs.core.Response.status(400).type(Problem.MEDIA_TYPE)
                            .entity(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, name + ": " + message,
                                    null, RequestIds.current(), List.of(new Problem.FieldError(name, message)), null))
                            .build());
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
            }
        };
    }
}
