package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.Problem;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation and normalisation of emails and phones, so the same address or number is always
 * stored the same way (and duplicates can be found).
 */
public final class ContactPoints {

    // Pragmatic, not RFC 5322: one @, no spaces, a dot in the domain, sane characters.
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9 ().\\-/]+");

    private ContactPoints() {
    }

    /** Lower-cased trimmed email, or an error naming {@code field} added to {@code errors}. */
    public static String email(String field, String raw, List<Problem.FieldError> errors) {
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new Problem.FieldError(field, "must be a well-formed email address"));
            return null;
        }
        return email;
    }

    /**
     * E.164-ish: {@code +} country code and subscriber number, digits only, 8 to 15 digits. "00"
     * is read as "+"; a number without either gets {@code defaultCountryCode} (a leading trunk
     * 0 is dropped).
     */
    public static String phone(String field, String raw, String defaultCountryCode, List<Problem.FieldError> errors) {
        String trimmed = raw.trim();
        if (!PHONE_CHARS.matcher(trimmed).matches()) {
            errors.add(new Problem.FieldError(field, "must be a phone number: digits, optionally a leading + and separators"));
            return null;
        }
        String digits = trimmed.replaceAll("[^0-9]", "");
        String e164;
        if (trimmed.startsWith("+")) {
            e164 = "+" + digits;
        } else if (digits.startsWith("00")) {
            e164 = "+" + digits.substring(2);
        } else {
            e164 = "+" + defaultCountryCode + (digits.startsWith("0") ? digits.substring(1) : digits);
        }
        int length = e164.length() - 1;
        if (length < 8 || length > 15 || e164.charAt(1) == '0') {
            errors.add(new Problem.FieldError(field, "must have 8 to 15 digits including the country code"));
            return null;
        }
        return e164;
    }

    /**
     * Whether text is written like a phone number (digits with an optional leading + and the
     * separators {@link #phone} accepts), so a search treats it as one rather than as a name.
     */
    public static boolean looksLikePhone(String text) {
        return PHONE_CHARS.matcher(text).matches() && text.chars().anyMatch(Character::isDigit);
    }
}
