package dev.crmsuite.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The identity provider of the end-to-end run: a throw-away RSA key pair whose public half the
 * launched gateway trusts ({@code CRM_JWT_PUBLIC_KEY_LOCATION}), and frontend JWTs signed with the
 * private half as an identity provider would sign them: issuer {@link #ISSUER}, audience
 * {@link #AUDIENCE} (the gateway refuses a JWT for another audience or with a lifetime above its
 * maximum), roles in {@code groups}. Nothing is committed.
 *
 * <p>e2e keeps its own pair rather than platform-test's {@code JwtKeys}, whose tokens carry no
 * {@code aud} and whose key cannot sign the expired, foreign and over-long tokens the drills need.
 */
public final class FrontendTokens {

    public static final String ISSUER = "https://crmsuite.dev/e2e";
    /** The gateway's default audience ({@code CRM_JWT_AUDIENCE}). */
    public static final String AUDIENCE = "crm-api";
    /** Lifetime of {@link #token}: well inside the gateway's maximum (24 h by default). */
    public static final long LIFETIME_SECONDS = 3600;

    private static KeyPair keys;
    private static Path publicKeyFile;

    private FrontendTokens() {
    }

    /** The PEM file with the public key, written on first use. */
    public static synchronized Path publicKeyFile() {
        ensureKeys();
        return publicKeyFile;
    }

    /** The signing key, for tokens with hand-made claims (expired, wrong audience, too long-lived). */
    public static synchronized PrivateKey signingKey() {
        ensureKeys();
        return keys.getPrivate();
    }

    /** An RS256 token for {@code subject} with the given roles (admin, staff, viewer), valid for an hour. */
    public static String token(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        return sign(signingKey(), claims(subject, ISSUER, AUDIENCE, now, now + LIFETIME_SECONDS, roles));
    }

    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** The claims of a frontend token; {@code audience} null leaves {@code aud} out. */
    public static String claims(String subject, String issuer, String audience, long issuedAt, long expires, String... roles) {
        StringBuilder groups = new StringBuilder();
        for (String role : roles) {
            groups.append(groups.isEmpty() ? "" : ",").append('"').append(role).append('"');
        }
        return "{\"iss\":\"" + issuer + "\"" + (audience == null ? "" : ",\"aud\":\"" + audience + "\"")
                + ",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":[" + groups + "],\"iat\":" + issuedAt
                + ",\"exp\":" + expires + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    public static String sign(PrivateKey key, String claims) {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void ensureKeys() {
        if (keys != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            publicKeyFile = Files.createTempFile("crm-e2e-jwt", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the e2e run's JWT keys", e);
        }
    }
}
