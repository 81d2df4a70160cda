package dev.crmsuite.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoControlCharactersTest {

    record Body(String name, java.util.List<String> tags) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(NoControlCharacters.module());

    @Test
    void refuses_a_nul_or_escape_in_a_string_naming_the_field() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\\u0000b\",\"tags\":[]}", Body.class))
                .isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath().getFirst().getFieldName()).isEqualTo("name"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"ok\",\"tags\":[\"\\u001b[31m\"]}", Body.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void keeps_line_breaks_tabs_and_ordinary_text() throws Exception {
        Body body = mapper.readValue("{\"name\":\"Li\\tWei\\r\\nsecond line é\",\"tags\":[\"vip\"]}", Body.class);
        assertThat(body.name()).isEqualTo("Li\tWei\r\nsecond line é");
    }
}
