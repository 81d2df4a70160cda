package dev.crmsuite.customer.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether two customers look like the same person or company, and why: a plain function of their
 * contact data, so the rule is tested on hand-computed examples. Each kind of evidence adds its weight
 * ({@link Weights}); the score is the sum, capped at 1, and a pair is a candidate from
 * {@link Weights#minScore}. The weights are chosen so that one strong signal (the same phone, the same
 * mailbox) is enough, while a similar name alone is not (many people share a name) but a similar name
 * at the same company domain or address is.
 */
public final class LookAlikes {

    /**
     * Mail providers whose addresses ignore dots in the local part (Gmail) or take a "+tag" after it:
     * li.wei+shop@gmail.com reaches the same mailbox as liwei@gmail.com.
     */
    static final Set<String> DOTS_IGNORED = Set.of("gmail.com");
    static final Set<String> PLUS_TAGS = Set.of("gmail.com", "outlook.com", "hotmail.com", "live.com", "icloud.com",
            "fastmail.com", "protonmail.com", "proton.me");
    /**
     * Domains many unrelated people share (free mail, and the documentation domains of RFC 2606): the same
     * domain there says nothing, whereas the same company domain does.
     */
    static final Set<String> SHARED_DOMAINS = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com",
            "yahoo.com", "icloud.com", "me.com", "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "foxmail.com",
            "aliyun.com", "139.com", "fastmail.com", "protonmail.com", "proton.me", "example.com", "example.org", "example.net");
    /** Role mailboxes: the same "info@" at two domains is not the same person. */
    static final Set<String> ROLE_LOCAL_PARTS = Set.of("info", "admin", "sales", "contact", "support", "office", "hello", "mail",
            "service", "team", "billing", "noreply", "no-reply");

    private LookAlikes() {
    }

    /** How much each kind of evidence weighs; from configuration ({@code crm.insight.duplicates.*}). */
    public record Weights(double phone, double email, double emailLocalPart, double emailDomain, double name,
                          double nameMinSimilarity, double address, double minScore) {
        public static final Weights DEFAULT = new Weights(0.6, 0.6, 0.3, 0.1, 0.4, 0.5, 0.3, 0.5);
    }

    /** What the rule looks at: normalised phones (E.164) and emails (lower case) as stored, the address fields. */
    public record Contact(UUID id, String name, List<String> emails, List<String> phones, String addressLine1, String postalCode) {
    }

    /** One piece of evidence: which field matched, and how (shown to staff). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "MatchingField",
            description = "One piece of evidence that two customers are the same")
    public record MatchingField(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "phone, email, emailLocalPart, emailDomain, name or address",
                    examples = "phone") String field,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "What matched, in words",
                    examples = "+8613800138000") String detail) {
    }

    public record Match(BigDecimal score, List<MatchingField> matches) {
    }

    /**
     * Whether a customer who shares nothing with {@code self} but a similar name (and, at most, a
     * company email domain) can reach the minimum score. Every other kind of evidence (phone,
     * mailbox, local part, address) has a look-up of its own that finds such customers whatever their
     * name, so when this is false a look-up by name can only find customers who score too low: with
     * the default weights (name 0.4, domain 0.1, minimum 0.5) it is needed only for a customer with an
     * address at a company domain, and at a million customers it read up to max-lookups namesakes for
     * each check only to score them out.
     */
    public static boolean nameAloneCanQualify(Contact self, Weights w) {
        boolean companyDomain = self.emails().stream().map(LookAlikes::canonicalEmail)
                .anyMatch(c -> c != null && !SHARED_DOMAINS.contains(domain(c)));
        return w.name() + (companyDomain ? w.emailDomain() : 0) >= w.minScore();
    }

    public static Optional<Match> compare(Contact a, Contact b, Weights w) {
        double score = 0;
        List<MatchingField> matches = new ArrayList<>();

        Set<String> phones = new LinkedHashSet<>(a.phones());
        phones.retainAll(b.phones());
        if (!phones.isEmpty()) {
            score += w.phone();
            matches.add(new MatchingField("phone", phones.iterator().next()));
        }

        String sameMailbox = null;
        String sameLocalPart = null;
        String sameDomain = null;
        for (String ea : a.emails()) {
            for (String eb : b.emails()) {
                String ca = canonicalEmail(ea);
                String cb = canonicalEmail(eb);
                if (ca == null || cb == null) {
                    continue;
                }
                if (ca.equals(cb)) {
                    sameMailbox = sameMailbox == null ? ea + " ~ " + eb : sameMailbox;
                } else if (sameLocal(ea, eb, ca, cb) && !ROLE_LOCAL_PARTS.contains(untagged(ea)) && untagged(ea).length() >= 4) {
                    sameLocalPart = sameLocalPart == null ? untagged(ea) : sameLocalPart;
                } else if (domain(ca).equals(domain(cb)) && !SHARED_DOMAINS.contains(domain(ca))) {
                    sameDomain = sameDomain == null ? domain(ca) : sameDomain;
                }
            }
        }
        if (sameMailbox != null) {
            score += w.email();
            matches.add(new MatchingField("email", sameMailbox));
        } else if (sameLocalPart != null) {
            score += w.emailLocalPart();
            matches.add(new MatchingField("emailLocalPart", sameLocalPart));
        }
        if (sameMailbox == null && sameDomain != null) {
            score += w.emailDomain();
            matches.add(new MatchingField("emailDomain", sameDomain));
        }

        double similarity = Trigrams.similarity(a.name(), b.name());
        if (similarity >= w.nameMinSimilarity()) {
            score += w.name() * similarity;
            matches.add(new MatchingField("name", "similarity " + round(similarity).toPlainString()));
        }

        String addressA = address(a);
        if (addressA != null && addressA.equals(address(b))) {
            score += w.address();
            matches.add(new MatchingField("address", addressA));
        }

        BigDecimal total = round(Math.min(1.0, score));
        return total.doubleValue() >= w.minScore() ? Optional.of(new Match(total, List.copyOf(matches))) : Optional.empty();
    }

    /**
     * The mailbox an address reaches: lower case, googlemail.com read as gmail.com, dots ignored and a
     * "+tag" dropped where the provider does so. Null for text that is not an address.
     */
    public static String canonicalEmail(String email) {
        if (email == null) {
            return null;
        }
        String e = email.trim().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at <= 0 || at == e.length() - 1) {
            return null;
        }
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (PLUS_TAGS.contains(domain) && local.indexOf('+') > 0) {
            local = local.substring(0, local.indexOf('+'));
        }
        if (DOTS_IGNORED.contains(domain)) {
            local = local.replace(".", "");
        }
        return local + "@" + domain;
    }

    /**
     * The same mailbox name at two domains: as typed (without a +tag), or as the provider reads it
     * (li.wei@gmail.com is liwei, and so is liwei@acme.cn).
     */
    static boolean sameLocal(String ea, String eb, String ca, String cb) {
        return untagged(ea).equals(untagged(eb)) || local(ca).equals(local(cb))
                || local(ca).equals(untagged(eb).replace(".", "")) || local(cb).equals(untagged(ea).replace(".", ""));
    }

    /** The local part as typed, lower case, without a +tag. */
    static String untagged(String email) {
        String local = email.trim().toLowerCase(Locale.ROOT);
        local = local.substring(0, Math.max(0, local.lastIndexOf('@')));
        return local.indexOf('+') > 0 ? local.substring(0, local.indexOf('+')) : local;
    }

    static String local(String canonical) {
        return canonical.substring(0, canonical.lastIndexOf('@'));
    }

    static String domain(String canonical) {
        return canonical.substring(canonical.lastIndexOf('@') + 1);
    }

    private static final java.util.regex.Pattern ADDRESS_PUNCTUATION = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** Line 1 and postal code, lower case, punctuation and repeated spaces removed; null without both. */
    static String address(Contact c) {
        // compiled once: String.replaceAll compiled both patterns for each of up to 400 customers a check compares
        if (c.addressLine1() == null || c.postalCode() == null || c.addressLine1().isBlank() || c.postalCode().isBlank()) {
            return null;
        }
        String line = ADDRESS_PUNCTUATION.matcher(c.addressLine1().toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        return line + ", " + SPACES.matcher(c.postalCode().trim().toLowerCase(Locale.ROOT)).replaceAll("");
    }

    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
