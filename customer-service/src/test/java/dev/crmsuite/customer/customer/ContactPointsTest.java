package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Email and phone normalisation, phone-like text, and RFC 7396 merge patch. */
class ContactPointsTest {

    static String phone(String raw) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String out = ContactPoints.phone("phone", raw, "86", errors);
        return errors.isEmpty() ? out : "ERROR";
    }

    @Test
    void phones_become_e164() {
        assertThat(phone("+86 138-0013-8000")).isEqualTo("+8613800138000");
        assertThat(phone("0086 (138) 0013 8000")).isEqualTo("+8613800138000");
        assertThat(phone("138 0013 8000")).isEqualTo("+8613800138000");
        assertThat(phone("010 1234 5678")).isEqualTo("+861012345678");
        assertThat(phone("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(phone("12")).isEqualTo("ERROR");
        assertThat(phone("+0123456789")).isEqualTo("ERROR");
        assertThat(phone("call me")).isEqualTo("ERROR");
        assertThat(phone("+1234567890123456")).isEqualTo("ERROR");
    }

    @Test
    void emails_are_lower_cased_and_checked() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertThat(ContactPoints.email("email", "  Li.Wei@Example.COM ", errors)).isEqualTo("li.wei@example.com");
        assertThat(ContactPoints.email("email", "li wei@example.com", errors)).isNull();
        assertThat(ContactPoints.email("email", "li.wei@localhost", errors)).isNull();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("email", "email");
    }

    @Test
    void phone_like_text_is_digits_with_separators() {
        assertThat(ContactPoints.looksLikePhone("+86 (138) 0013-8000")).isTrue();
        assertThat(ContactPoints.looksLikePhone("138")).isTrue();
        assertThat(ContactPoints.looksLikePhone("li.wei")).isFalse();
        assertThat(ContactPoints.looksLikePhone("- ()")).isFalse();
    }

    @Test
    void merge_patch_follows_rfc_7396() throws Exception {
        JsonNode target = EventJson.MAPPER.readTree("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"list\":[1,2]}");
        JsonNode patch = EventJson.MAPPER.readTree("{\"a\":\"z\",\"c\":{\"f\":null},\"list\":[3],\"new\":{\"x\":null,\"y\":1}}");
        assertThat(MergePatch.apply(target, patch)).isEqualTo(
                EventJson.MAPPER.readTree("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"list\":[3],\"new\":{\"y\":1}}"));
        assertThat(target.get("a").asText()).isEqualTo("b");
    }
}
