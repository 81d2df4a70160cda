package dev.crmsuite.customer.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * RSVP link tokens of event invitations: the only credential of the public RSVP link, so 256 random
 * bits. The clear token travels only in crm.campaign.delivery-requested.v1 (to the mailer that puts
 * it in the link); the database keeps SHA-256 of its UTF-8 text, so a database reader cannot answer
 * for anyone. Look a token up by {@link #hash(String)}.
 */
public final class RsvpTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RsvpTokens() {
    }

    public static String create() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
