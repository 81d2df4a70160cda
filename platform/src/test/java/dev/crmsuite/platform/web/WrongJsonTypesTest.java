package dev.crmsuite.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrongJsonTypesTest {

    record Body(String name, BigDecimal amount, Integer quantity, long points, Boolean active,
                java.time.OffsetDateTime dueAt, java.time.Instant at, java.time.LocalDate startsOn, java.time.DayOfWeek day) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    WrongJsonTypesTest() {
        // As Quarkus builds the REST mapper: the java.time module first, then the customizer.
        mapper.registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        JsonAccessors.refuseCoercion(mapper);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":42}", "{\"name\":1.5}", "{\"name\":true}",
            "{\"amount\":\"59.90\"}", "{\"amount\":true}",
            "{\"quantity\":\"3\"}", "{\"quantity\":1.5}", "{\"quantity\":false}",
            "{\"points\":\"10\"}", "{\"points\":2.5}",
            "{\"active\":\"yes\"}", "{\"active\":\"true\"}", "{\"active\":1}",
            "{\"dueAt\":42}", "{\"dueAt\":1.5}", "{\"at\":1700000000}", "{\"startsOn\":20000}",
            "{\"day\":1}", "{\"day\":0}", "{\"day\":true}"
    })
    void a_value_of_the_wrong_json_type_is_refused_naming_the_field(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Body.class)).isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath()).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\",\"name\":\"b\"}", "{\"points\":1,\"quantity\":2,\"points\":100000}",
            "{\"name\":\"a\",\"name\":null}"})
    void a_key_repeated_in_one_object_is_refused_as_malformed(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Body.class)).isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class)
                .hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> mapper.readTree(json)).isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
    }

    @Test
    void values_of_the_right_type_are_read() throws Exception {
        Body body = mapper.readValue("{\"name\":\"Li\",\"amount\":99,\"quantity\":3,\"points\":10,\"active\":true}", Body.class);
        assertThat(body.amount()).isEqualByComparingTo("99");
        assertThat(mapper.readValue("{\"amount\":59.90}", Body.class).amount()).isEqualByComparingTo("59.90");
        Body dated = mapper.readValue("{\"dueAt\":\"2026-12-02T10:00:00Z\",\"at\":\"2026-12-02T10:00:00Z\",\"startsOn\":\"2026-12-02\"}", Body.class);
        assertThat(dated.startsOn()).isEqualTo(java.time.LocalDate.of(2026, 12, 2));
        assertThat(dated.at()).isEqualTo(java.time.Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(mapper.readValue("{\"day\":\"MONDAY\"}", Body.class).day()).isEqualTo(java.time.DayOfWeek.MONDAY);
    }
}
