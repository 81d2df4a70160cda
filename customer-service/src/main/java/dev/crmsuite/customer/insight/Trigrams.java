package dev.crmsuite.customer.insight;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Trigram similarity of two names, computed as PostgreSQL's pg_trgm {@code similarity()} does: the
 * text is lower-cased and cut into words of letters and digits; each word, padded with two spaces in
 * front and one behind, gives its three-character pieces; similarity is shared pieces over all
 * distinct pieces of both (0 to 1). The database uses the same measure to find look-alikes through an
 * index; scoring them here keeps the rule a plain function with the same numbers.
 */
public final class Trigrams {

    private Trigrams() {
    }

    public static Set<String> of(String text) {
        Set<String> trigrams = new HashSet<>();
        if (text == null) {
            return trigrams;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            if (i < lower.length() && Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty()) {
                add(trigrams, "  " + word + " ");
                word.setLength(0);
            }
            i += i < lower.length() ? Character.charCount(cp) : 1;
        }
        return trigrams;
    }

    private static void add(Set<String> trigrams, String padded) {
        int[] cps = padded.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            trigrams.add(new String(cps, i, 3));
        }
    }

    public static double similarity(String a, String b) {
        Set<String> x = of(a);
        Set<String> y = of(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        long shared = x.stream().filter(y::contains).count();
        return (double) shared / (x.size() + y.size() - shared);
    }
}
