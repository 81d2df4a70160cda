package dev.crmsuite.platform.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    /** A parser that "verifies" tokens named good-<seconds to live> and rejects everything else. */
    static final class CountingParser implements JWTParser {
        final List<String> parsed = new ArrayList<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            parsed.add(token);
            if (!token.startsWith("good-")) {
                throw new ParseException("signature does not verify");
            }
            long exp = Instant.now().plusSeconds(Long.parseLong(token.substring(5))).getEpochSecond();
            return new JsonWebToken() {
                @Override public String getName() { return token; }
                @Override public Set<String> getClaimNames() { return Set.of("exp"); }
                @SuppressWarnings("unchecked")
                @Override public <T> T getClaim(String claim) { return "exp".equals(claim) ? (T) Long.valueOf(exp) : null; }
            };
        }

        @Override public JsonWebToken parse(String token, JWTAuthContextInfo context) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken verify(String token, PublicKey key) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken verify(String token, SecretKey key) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken verify(String token, String secret) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken decrypt(String token, PrivateKey key) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken decrypt(String token, SecretKey key) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken decrypt(String token, String secret) { throw new UnsupportedOperationException(); }
        @Override public JsonWebToken parseOnly(String token) { throw new UnsupportedOperationException(); }
    }

    final CountingParser parser = new CountingParser();
    final AtomicLong nanos = new AtomicLong();
    final VerifiedTokens tokens = new VerifiedTokens(parser, nanos::get);

    @Test
    void a_token_verified_once_is_answered_from_memory_and_only_that_exact_text() throws Exception {
        JsonWebToken first = tokens.parse("good-120");
        assertThat(tokens.parse("good-120")).isSameAs(first);
        assertThat(parser.parsed).containsExactly("good-120");
        tokens.parse("good-0120");
        assertThat(parser.parsed).containsExactly("good-120", "good-0120");
    }

    @Test
    void a_token_that_fails_verification_is_never_remembered() {
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThat(parser.parsed).containsExactly("forged", "forged");
    }

    @Test
    void a_token_is_verified_again_after_it_expires() throws Exception {
        tokens.parse("good-60");
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        tokens.parse("good-60");
        assertThat(parser.parsed).hasSize(1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        tokens.parse("good-60");
        assertThat(parser.parsed).hasSize(2);
    }

    @Test
    void a_long_lived_token_is_verified_again_after_at_most_five_minutes() throws Exception {
        tokens.parse("good-86400");
        nanos.addAndGet(VerifiedTokens.LONGEST.minusSeconds(1).toNanos());
        tokens.parse("good-86400");
        assertThat(parser.parsed).hasSize(1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        tokens.parse("good-86400");
        assertThat(parser.parsed).hasSize(2);
    }
}
