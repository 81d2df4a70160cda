package dev.crmsuite.survey.invitation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Answer tokens: the only credential of a public answer link, so they must be unguessable. */
public final class Tokens {

    /** Never fewer than 128 bits, whatever is configured. */
    public static final int MIN_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,200}");

    private Tokens() {
    }

    public static String create(int bytes) {
        byte[] random = new byte[Math.max(MIN_BYTES, bytes)];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether a string could be a token at all (anything else is answered 404 without a lookup). */
    public static boolean plausible(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }
}
