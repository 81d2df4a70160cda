package dev.crmsuite.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The gateway's internal-token key pair for one test JVM, and tokens signed with it as the gateway
 * would sign them. The pair is written to two PEM files named after the process, so every class
 * loader of the run (Quarkus' and the test's) signs and verifies with the same keys; nothing is
 * committed. {@link InternalTokensConfig} hands the files to the application under test.
 */
public final class InternalTokens {

    public static final String ISSUER = "crm-gateway";
    /** Send this as the Authorization header to call without any token ({@link DefaultCaller} leaves it out). */
    public static final String NO_TOKEN = "none";

    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "crm-internal-keys-" + ProcessHandle.current().pid());
    private static PrivateKey privateKey;

    private InternalTokens() {
    }

    public static synchronized Path publicKeyFile() {
        ensureKeys();
        return DIR.resolve("public.pem");
    }

    public static synchronized Path privateKeyFile() {
        ensureKeys();
        return DIR.resolve("private.pem");
    }

    /** A member of staff with every scope (admin), for {@code audience}. */
    public static String admin(String audience) {
        return token(audience, "user:test-admin", "staff", null, "test-admin", List.of("admin"));
    }

    public static String staff(String audience, String... scopes) {
        return token(audience, "user:test-staff", "staff", null, "test-staff", List.of(scopes));
    }

    public static String partner(String audience, String partnerId, String... scopes) {
        return token(audience, "partner:" + partnerId, "partner", partnerId, "Partner " + partnerId, List.of(scopes));
    }

    public static String anonymous(String audience) {
        return token(audience, "anonymous", "anonymous", null, "anonymous", List.of());
    }

    /** An RS256 internal token valid for two minutes. */
    public static String token(String audience, String subject, String kind, String partner, String actor, List<String> scopes) {
        long now = Instant.now().getEpochSecond();
        return sign(audience, subject, kind, partner, actor, scopes, now, now + 120, ISSUER);
    }

    public static String sign(String audience, String subject, String kind, String partner, String actor, List<String> scopes,
                              long issuedAt, long expires, String issuer) {
        StringBuilder claims = new StringBuilder("{\"iss\":\"").append(issuer).append("\",\"aud\":\"").append(audience)
                .append("\",\"sub\":\"").append(subject).append("\",\"kind\":\"").append(kind).append("\",\"actor\":\"")
                .append(actor).append('"');
        if (partner != null) {
            claims.append(",\"partner\":\"").append(partner).append('"');
        }
        claims.append(",\"groups\":[");
        for (int i = 0; i < scopes.size(); i++) {
            claims.append(i == 0 ? "" : ",").append('"').append(scopes.get(i)).append('"');
        }
        claims.append("],\"iat\":").append(issuedAt).append(",\"exp\":").append(expires)
                .append(",\"jti\":\"").append(UUID.randomUUID()).append("\"}");
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String body = b64(claims.toString());
        try {
            ensureKeys();
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void ensureKeys() {
        if (privateKey != null) {
            return;
        }
        try {
            Path priv = DIR.resolve("private.pem");
            Files.createDirectories(DIR);
            if (!Files.exists(priv)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path pub = DIR.resolve("public.pem");
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Path tmp = DIR.resolve("private.pem.tmp");
                Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                DIR.toFile().deleteOnExit();
                pub.toFile().deleteOnExit();
                priv.toFile().deleteOnExit();
            }
            String text = Files.readString(priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the test's internal-token keys", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
