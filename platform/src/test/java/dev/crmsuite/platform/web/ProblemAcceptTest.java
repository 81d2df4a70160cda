package dev.crmsuite.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAcceptTest {

    @Test
    void a_client_accepting_only_problems_is_taken_to_accept_json() {
        assertThat(ProblemAccept.widen("application/problem+json")).isEqualTo("application/problem+json, application/json;q=0.9");
        assertThat(ProblemAccept.widen("application/json, application/problem+json")).isNull();
        assertThat(ProblemAccept.widen("*/*")).isNull();
        assertThat(ProblemAccept.widen("text/html")).isNull();
        assertThat(ProblemAccept.widen(null)).isNull();
    }
}
