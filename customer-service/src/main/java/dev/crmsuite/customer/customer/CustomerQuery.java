package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a customer search text ({@code q}) asks for, decided before any SQL runs, so that each kind
 * of match can use an index that only holds what it matches (issue 19: a single trigram index over
 * name, emails and phones matched every row on the trigrams of {@code @example.com}).
 *
 * <ul>
 *   <li>{@link #email}: q is a well-formed email address: an exact match on any of a customer's
 *       emails (rank 0).</li>
 *   <li>{@link #phone}: q is written like a phone and the profile normaliser accepts it (the same
 *       {@link ContactPoints#phone} with the default country code, so "138 0013 8000", "+86 138-0013-8000"
 *       and "0086 138 0013 8000" are one number): an exact match on any of a customer's phones (rank 0).</li>
 *   <li>{@link #text}: always the beginning of any email (rank 1), and when q is neither email- nor
 *       phone-like ({@link #names}) the beginning of the name (rank 1) too: no name holds an @, and
 *       skipping that query saves its planning on the most frequent searches.</li>
 *   <li>{@link #fragment}: q of 3 or more characters that is neither email- nor phone-like also
 *       matches anywhere in the name (rank 2). Shorter fragments would match most customers.</li>
 * </ul>
 *
 * @param text  q trimmed, inner white space collapsed to one space, lower case
 * @param email the normalised email when q is one, else null
 * @param phone the E.164 phone when q is one, else null
 * @param names whether q is matched against names (neither email- nor phone-like)
 */
public record CustomerQuery(String text, String email, String phone, boolean names, boolean fragment) {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 100;
    public static final int FRAGMENT_MIN_LENGTH = 3;

    /** Classifies q; a q outside 2 to 100 characters is a 400 naming {@code q}. */
    public static CustomerQuery of(String q, String defaultCountryCode) {
        String text = q.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            throw ProblemException.invalid("q", "must be 2 to 100 characters");
        }
        List<Problem.FieldError> ignored = new ArrayList<>();
        if (text.indexOf('@') >= 0) {
            // a partial address ("li.wei@exa") is not an email: it stays a prefix search
            return new CustomerQuery(text, ContactPoints.email("q", text, ignored), null, false, false);
        }
        if (ContactPoints.looksLikePhone(text)) {
            // a partial number is no phone (digits would match too many numbers): prefix only
            return new CustomerQuery(text, null, ContactPoints.phone("q", text, defaultCountryCode, ignored), false, false);
        }
        return new CustomerQuery(text, null, null, true, text.length() >= FRAGMENT_MIN_LENGTH);
    }

    /** Whether rank 0 (an exact email or phone) can match. */
    public boolean exact() {
        return email != null || phone != null;
    }
}
