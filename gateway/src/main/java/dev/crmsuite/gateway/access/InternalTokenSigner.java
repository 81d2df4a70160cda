package dev.crmsuite.gateway.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.InternalToken;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Signs the internal token the gateway forwards with every request (docs/security.md): RS256,
 * {@code iss} = {@code crm.internal-token.issuer}, {@code aud} = the target service, {@code sub} =
 * the caller's id, claims {@code kind}, {@code partner} (partners only), {@code actor}, and
 * {@code groups} = effective scopes; valid {@link #LIFETIME}. The services believe nothing else about
 * who is calling.
 *
 * <p>A signature costs about a millisecond of CPU, so a signed token is reused for the same caller
 * and audience for {@link #REUSE} (a bounded cache): every token still has at least a minute to live
 * when a service receives it, and the services accept up to {@code smallrye.jwt.time-to-live}.
 */
@ApplicationScoped
@Startup // without its key the gateway does not start, rather than failing every forwarded request
public class InternalTokenSigner {

    static final Duration LIFETIME = Duration.ofSeconds(120);
    static final Duration REUSE = Duration.ofSeconds(45);

    private record Audience(Caller caller, String audience) {
    }

    private final PrivateKey key;
    private final String issuer;
    private final Clock clock;
    private final Cache<Audience, String> signed = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REUSE).build();

    public InternalTokenSigner(@ConfigProperty(name = "crm.internal-token.private-key-location") String keyLocation,
                               @ConfigProperty(name = "crm.internal-token.issuer") String issuer, Clock clock) {
        this.key = readKey(keyLocation);
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A PKCS#8 PEM file, named by a path or a file: URI (as ./crm up and the Kubernetes Secret mount give it). */
    private static PrivateKey readKey(String location) {
        try {
            Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(file));
            if (key == null) {
                throw new IllegalStateException("no RSA private key in " + file);
            }
            return key;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the internal-token signing key at " + location
                    + " (crm.internal-token.private-key-location / CRM_INTERNAL_PRIVATE_KEY_LOCATION)", e);
        }
    }

    /** A token that tells {@code audience} (a service's application name) who {@code caller} is. */
    public String tokenFor(Caller caller, String audience) {
        return signed.get(new Audience(caller, audience), this::sign);
    }

    private String sign(Audience to) {
        long now = clock.instant().getEpochSecond();
        Caller caller = to.caller();
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(to.audience())
                .subject(caller.id())
                .claim(InternalToken.KIND, caller.kind().claim())
                .claim(InternalToken.ACTOR, caller.actor())
                .groups(caller.scopes())
                .issuedAt(now)
                .expiresAt(now + LIFETIME.toSeconds());
        if (caller.partnerId() != null) {
            claims.claim(InternalToken.PARTNER, caller.partnerId());
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }
}
