package dev.crmsuite.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A throw-away RSA key pair for the test run: the gateway verifies tokens with the public key, the
 * tests sign tokens with the private one, as an identity provider would. Nothing is committed.
 */
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://crmsuite.dev/test";
    /** The audience the gateway accepts ({@code mp.jwt.verify.audiences}, default {@code crm-api}). */
    public static final String AUDIENCE = "crm-api";
    private static KeyPair keys;
    private static Path publicKeyFile;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            Path pem = Files.createTempFile("crm-jwt", ".pem");
            publicKeyFile = pem;
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return Map.of("mp.jwt.verify.publickey.location", pem.toUri().toString(), "mp.jwt.verify.issuer", ISSUER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** The PEM file with the public key, for a gateway started outside the test JVM. */
    public static Path publicKeyFile() {
        return publicKeyFile;
    }

    /** An RS256 token for {@code subject} with the given roles, for the gateway's audience, valid for an hour. */
    public static String token(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        return token(ISSUER, AUDIENCE, now, now + 3600, subject, roles);
    }

    /** A token with every claim chosen: wrong issuer or audience, expired, or living too long. */
    public static String token(String issuer, String audience, long issuedAt, long expires, String subject, String... roles) {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String groups = String.join("\",\"", roles);
        String claims = b64("{\"iss\":\"" + issuer + "\"," + (audience == null ? "" : "\"aud\":\"" + audience + "\",")
                + "\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[" + (roles.length == 0 ? "" : "\"" + groups + "\"") + "],\"iat\":" + issuedAt
                + ",\"exp\":" + expires + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
