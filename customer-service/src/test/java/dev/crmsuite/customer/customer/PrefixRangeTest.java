package dev.crmsuite.customer.customer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The range a search's prefix ranks ask for instead of LIKE: the same strings, in PostgreSQL's "C" (byte) order. */
class PrefixRangeTest {

    @Test
    void the_range_ends_at_the_prefix_with_its_last_character_raised() {
        assertThat(PrefixRange.of("anna")).isEqualTo(new PrefixRange("anna", "annb"));
        assertThat(PrefixRange.of("li.wei@example.com")).isEqualTo(new PrefixRange("li.wei@example.com", "li.wei@example.con"));
        assertThat(PrefixRange.of("an_na%")).as("no pattern characters: taken as they are").isEqualTo(new PrefixRange("an_na%", "an_na&"));
        assertThat(PrefixRange.of("王")).isEqualTo(new PrefixRange("王", "玌"));
        assertThat(PrefixRange.of("a😀")).as("a character beyond the BMP").isEqualTo(new PrefixRange("a😀", "a😁"));
    }

    @Test
    void the_last_code_point_carries_and_surrogates_are_skipped() {
        String last = Character.toString(Character.MAX_CODE_POINT);
        assertThat(PrefixRange.of("a" + last)).isEqualTo(new PrefixRange("a" + last, "b"));
        assertThat(PrefixRange.of(last + last)).as("nothing sorts after it").isEqualTo(new PrefixRange(last + last, null));
        assertThat(PrefixRange.of("a\uD7FF").to()).isEqualTo("a\uE000");
    }

    @Test
    void in_utf8_byte_order_the_range_holds_exactly_the_strings_that_start_with_the_prefix() {
        // an alphabet of 1-, 2-, 3- and 4-byte characters, the ones next to the surrogates and the last one
        String[] alphabet = {"a", "b", "z", "~", "\u007F", "é", "\u07FF", "\u0800", "王", "\uD7FF", "\uE000", "\uFFFF",
                "😀", Character.toString(Character.MAX_CODE_POINT)};
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            String prefix = word(random, alphabet, 1 + random.nextInt(3));
            String candidate = random.nextBoolean() ? prefix + word(random, alphabet, random.nextInt(3)) : word(random, alphabet, random.nextInt(5));
            PrefixRange range = PrefixRange.of(prefix);
            boolean inRange = compare(range.from(), candidate) <= 0 && (range.to() == null || compare(candidate, range.to()) < 0);
            assertThat(inRange).as("'%s' in the range of '%s'", candidate, prefix).isEqualTo(candidate.startsWith(prefix));
        }
    }

    private static String word(Random random, String[] alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return word.toString();
    }

    /** PostgreSQL's "C" collation: the UTF-8 bytes compared unsigned, a shorter string first on a tie. */
    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
