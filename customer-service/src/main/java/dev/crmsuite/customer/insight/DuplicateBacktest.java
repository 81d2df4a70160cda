package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.insight.LookAlikes.Contact;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * How good the duplicate rule is, on a generated set where the answer is known: {@code customers}
 * distinct people (common Chinese names, so different people do share names, companies and free-mail
 * domains) and, for about a third of them, a second record entered the way duplicates happen (same
 * phone with a new email; a Gmail spelling; a typo in the name at the same address; the same mailbox
 * name at another domain; a typo and nothing else in common, which the rule is not meant to catch).
 * Every pair is scored; precision is the share of flagged pairs that are real duplicates, recall the
 * share of real duplicates flagged. Seeded, so a run can be repeated.
 */
public final class DuplicateBacktest {

    static final String[] FAMILY = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"};
    static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hao", "Xiu", "Ying", "Tao", "Ming", "Qiang",
            "Hui", "Lan", "Peng", "Bo", "Xin", "Yu", "Na"};
    static final String[] STREETS = {"Century Avenue", "Nanjing Road", "Huaihai Road", "Zhongshan Road", "Renmin Road"};
    static final String[] KINDS = {"same phone, new email", "gmail spelling", "name typo, same address", "same mailbox name elsewhere",
            "name typo only"};

    @Schema(name = "DuplicateBacktest", description = "Precision and recall of the duplicate rule on a generated set with known duplicates")
    public record Result(@Schema(examples = "300") int customers,
                         @Schema(description = "Records in the set: the customers plus their generated duplicates", examples = "400") int records,
                         @Schema(examples = "42") long seed,
                         @Schema(description = "Real duplicate pairs", examples = "100") int duplicates,
                         @Schema(description = "Pairs the rule flagged", examples = "83") int flagged,
                         @Schema(description = "Flagged and real", examples = "80") int truePositives,
                         @Schema(description = "Flagged pairs that are real duplicates", examples = "0.964") BigDecimal precision,
                         @Schema(description = "Real duplicates flagged", examples = "0.800") BigDecimal recall,
                         @Schema(description = "Recall per way the duplicate was made", examples = "{\"same phone, new email\": 1.0, \"name typo only\": 0.0}")
                         Map<String, BigDecimal> recallByKind) {
    }

    private DuplicateBacktest() {
    }

    public static Result run(int customers, long seed, LookAlikes.Weights weights) {
        Random random = new Random(seed);
        List<Contact> records = new ArrayList<>();
        Set<String> truth = new HashSet<>();
        Map<String, String> kindOfPair = new LinkedHashMap<>();
        for (int i = 0; i < customers; i++) {
            String family = FAMILY[random.nextInt(FAMILY.length)];
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String name = family + " " + given;
            boolean gmail = random.nextBoolean();
            String local = given.toLowerCase() + "." + family.toLowerCase() + i;
            String email = local + "@" + (gmail ? "gmail.com" : "company" + random.nextInt(20) + ".cn");
            String phone = "+86138" + String.format("%08d", i);
            String line1 = (1 + random.nextInt(300)) + " " + STREETS[random.nextInt(STREETS.length)];
            String postal = String.valueOf(200000 + random.nextInt(50));
            Contact person = new Contact(new UUID(0, i), name, List.of(email), List.of(phone), line1, postal);
            records.add(person);
            if (i % 3 != 0) {
                continue;
            }
            int kind = (i / 3) % KINDS.length;
            UUID dupId = new UUID(1, i);
            String typo = family + " " + given.substring(0, given.length() - 1);
            Contact dup = switch (kind) {
                case 0 -> new Contact(dupId, name, List.of("new" + i + "@qq.com"), List.of(phone), null, null);
                case 1 -> new Contact(dupId, typo, List.of(gmail ? local.replace(".", "") + "+shop@gmail.com" : email.toUpperCase()),
                        List.of(), null, null);
                case 2 -> new Contact(dupId, typo, List.of("x" + i + "@163.com"), List.of(), line1.toLowerCase() + ".", postal);
                case 3 -> new Contact(dupId, name, List.of(local + "@home" + i + ".cn"), List.of(), null, null);
                default -> new Contact(dupId, typo, List.of("y" + i + "@126.com"), List.of("+86139" + String.format("%08d", i)), null, null);
            };
            records.add(dup);
            truth.add(key(person.id(), dupId));
            kindOfPair.put(key(person.id(), dupId), KINDS[kind]);
        }
        Set<String> flagged = new HashSet<>();
        for (int a = 0; a < records.size(); a++) {
            for (int b = a + 1; b < records.size(); b++) {
                if (LookAlikes.compare(records.get(a), records.get(b), weights).isPresent()) {
                    flagged.add(key(records.get(a).id(), records.get(b).id()));
                }
            }
        }
        Set<String> hits = new HashSet<>(flagged);
        hits.retainAll(truth);
        Map<String, int[]> byKind = new LinkedHashMap<>();
        for (String k : KINDS) {
            byKind.put(k, new int[2]);
        }
        kindOfPair.forEach((pair, kind) -> {
            byKind.get(kind)[1]++;
            if (hits.contains(pair)) {
                byKind.get(kind)[0]++;
            }
        });
        Map<String, BigDecimal> recallByKind = new LinkedHashMap<>();
        byKind.forEach((k, v) -> recallByKind.put(k, ratio(v[0], v[1])));
        return new Result(customers, records.size(), seed, truth.size(), flagged.size(), hits.size(),
                ratio(hits.size(), flagged.size()), ratio(hits.size(), truth.size()), recallByKind);
    }

    static BigDecimal ratio(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }

    private static String key(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + "/" + b : b + "/" + a;
    }
}
