package dev.crmsuite.survey.invitation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {

    @Test
    void tokens_carry_at_least_128_random_bits() {
        String token = Tokens.create(4);
        assertThat(token).hasSize(22); // 16 bytes, base64url without padding
        assertThat(Tokens.create(32)).hasSize(43).isNotEqualTo(Tokens.create(32));
        assertThat(Tokens.plausible(token)).isTrue();
        assertThat(Tokens.plausible("short")).isFalse();
        assertThat(Tokens.plausible("a/b" + token)).isFalse();
    }
}
