package dev.crmsuite.gateway.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signatures as the Standard Webhooks specification has them, so a partner checks our deliveries
 * with any Standard Webhooks library: headers {@code webhook-id}, {@code webhook-timestamp} (Unix
 * seconds) and {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>},
 * one {@code v1,...} per secret, space-separated, while a subscription's secret is being rotated.
 * Secrets are shown as {@code whsec_<base64>}; the key is the base64-decoded part after the prefix.
 *
 * <p>Subscriptions made before this format have secrets {@code whsec_<64 hex digits>}. Hex digits are
 * base64 characters and 64 is a multiple of 4, so such a secret decodes like any other (to 48 bytes),
 * and the string the partner was shown keeps working with a standard verifier: no secret had to change.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    /** 32 random bytes: the specification asks for 24 to 64. */
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret as shown to its subscriber: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} value: {@code v1,<base64>} for each secret, space-separated. */
    public static String sign(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** {@code v1,<base64 HMAC-SHA256>} of {@code id.timestamp.body} with the key of {@code secret}. */
    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HMAC key: the base64 after {@code whsec_} (the prefix is optional, as in the official libraries). */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
