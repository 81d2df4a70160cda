package dev.crmsuite.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * SmallRye JWT's parser with a memory of the tokens it verified. The gateway reuses one internal
 * token per caller and service for 45 s and a frontend sends the same JWT for its whole session,
 * yet every request had its RS256 signature checked and its claims parsed again: on a service's
 * simplest read that was a large share of the CPU (issue 19, reads). A token seen before is
 * answered from memory until it expires, and at most {@link #LONGEST} after it was verified, so a
 * key that stops being trusted stops being believed within minutes. Only the whole token text
 * hits: any other string, even one differing in a byte of the signature, is verified in full.
 *
 * <p>Replaces the parser Quarkus' MpJwtValidator uses (a CDI alternative), so every other rule
 * (issuer, audience, lifetime, algorithm) stays SmallRye JWT's. quarkus-smallrye-jwt has no such
 * cache of its own; quarkus-cache's annotations cannot expire an entry at the token's own expiry.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {

    /** Longest a verified token is believed without checking it again. */
    static final Duration LONGEST = Duration.ofMinutes(5);

    private final JWTParser parser;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(JWTAuthContextInfo settings) {
        this(new DefaultJWTParser(settings), Ticker.systemTicker());
    }

    VerifiedTokens(JWTParser parser, Ticker ticker) {
        this.parser = parser;
        this.verified = Caffeine.newBuilder().maximumSize(10_000).ticker(ticker)
                .expireAfter(new Expiry<String, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
                        return believedFor(jwt);
                    }

                    @Override
                    public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long current) {
                        return believedFor(jwt);
                    }

                    @Override
                    public long expireAfterRead(String token, JsonWebToken jwt, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /** Nanoseconds from now until the token's exp, at most {@link #LONGEST}. */
    private static long believedFor(JsonWebToken jwt) {
        long untilExpiry = Duration.ofSeconds(jwt.getExpirationTime()).toNanos() - epochNanos();
        return Math.max(0, Math.min(untilExpiry, LONGEST.toNanos()));
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken checked = parser.parse(token);
        verified.put(token, checked);
        return checked;
    }

    // Everything else as SmallRye JWT does it, uncached (nothing in the suite calls these per request).

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
