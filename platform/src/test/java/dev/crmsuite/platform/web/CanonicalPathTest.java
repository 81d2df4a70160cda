package dev.crmsuite.platform.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1//admin/api-keys",                       // empty segment
            "/api/v1/customers/",                            // trailing slash
            "/api/v1/partner/../admin/api-keys",             // raw dot-dot
            "/api/v1/partner/%2e%2e/admin/api-keys",         // encoded dot-dot, lower case
            "/api/v1/partner/%2E%2E/admin/api-keys",         // upper case
            "/api/v1/partner/.%2e/admin/api-keys",           // mixed
            "/api/v1/survey-invitations/%2e",                // encoded dot
            "/api/v1/./customers",                           // raw dot
            "/api/v1/customers%2fx",                         // encoded slash
            "/api/v1/customers%2Fx",
            "/api/v1/customers%5cx",                         // encoded backslash
            "/api/v1/customers\\x",                          // raw backslash
            "/api/v1/%61dmin/api-keys",                      // encoded unreserved letter
            "/api/v1/customers/%7e",                         // encoded tilde
            "/api/v1/admin;x=1/api-keys",                    // matrix parameter
            "/api/v1/customers%3bx",                         // encoded semicolon
            "/api/v1/customers/%00",                         // encoded NUL
            "/api/v1/customers/%0a",                         // encoded line feed
            "/api/v1/customers/%7f",                         // encoded DEL
            "/api/v1/customers/%c2%85",                      // NEL, a C1 control in UTF-8
            "/api/v1/customers/%c0%ae",                      // overlong '.'
            "/api/v1/customers/%e0%80%ae",                   // overlong '.' in three bytes
            "/api/v1/customers/%ff",                         // invalid UTF-8
            "/api/v1/customers/%e2%82",                      // truncated UTF-8
            "/api/v1/customers/%2",                          // incomplete escape
            "/api/v1/customers/%zz",                         // not hex
            "/api/v1/customers/%٣٣",                         // non-ASCII digits are not hex
            "/api/v1/customers/a b",                         // raw space
            "/api/v1/customers/é",                           // raw non-ASCII
            "api/v1/customers",                              // relative
            ""
    })
    void refuses_every_spelling_that_is_not_the_one_canonical_one(String raw) {
        assertThatThrownBy(() -> CanonicalPath.parse(raw)).isInstanceOf(CanonicalPath.NotCanonical.class);
    }

    @Test
    void refuses_control_characters_raw() {
        assertThatThrownBy(() -> CanonicalPath.parse("/api/v1/customers/\u0000")).isInstanceOf(CanonicalPath.NotCanonical.class);
        assertThatThrownBy(() -> CanonicalPath.parse("/api/v1/\tcustomers")).isInstanceOf(CanonicalPath.NotCanonical.class);
    }

    @Test
    void refuses_overlong_paths() {
        assertThatThrownBy(() -> CanonicalPath.parse("/" + "a".repeat(CanonicalPath.MAX_LENGTH)))
                .isInstanceOf(CanonicalPath.NotCanonical.class);
    }

    @Test
    void accepts_canonical_paths_and_decodes_their_segments() throws Exception {
        CanonicalPath path = CanonicalPath.parse("/api/v1/complaints/42/tags/vip%20gold");
        assertThat(path.value()).isEqualTo("/api/v1/complaints/42/tags/vip%20gold");
        assertThat(path.segments()).containsExactly("api", "v1", "complaints", "42", "tags", "vip gold");
        assertThat(CanonicalPath.parse("/api/v1/customers/%C3%A9").segments().getLast()).isEqualTo("é");
        assertThat(CanonicalPath.parse("/q/openapi").segments()).isEqualTo(List.of("q", "openapi"));
        assertThat(CanonicalPath.parse("/").segments()).isEmpty();
        assertThat(CanonicalPath.parse("/api/v1/customers/a.b..c").segments().getLast()).isEqualTo("a.b..c");
    }

    @Test
    void tells_whether_a_path_lies_below_a_prefix_by_whole_segments() throws Exception {
        assertThat(CanonicalPath.parse("/api/v1/admin/api-keys").isAtOrBelow("/api/v1/admin")).isTrue();
        assertThat(CanonicalPath.parse("/api/v1/admin").isAtOrBelow("/api/v1/admin")).isTrue();
        assertThat(CanonicalPath.parse("/api/v1/administrators").isAtOrBelow("/api/v1/admin")).isFalse();
    }
}
