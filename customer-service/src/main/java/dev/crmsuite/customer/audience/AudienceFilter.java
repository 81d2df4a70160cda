package dev.crmsuite.customer.audience;

import dev.crmsuite.customer.lifecycle.Stage;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The saved filter of an audience, stored as jsonb. Every dimension that is present must hold (AND);
 * inside one list any value matches (OR), except {@code tags.allOf}. An absent or empty dimension
 * does not filter, so the empty filter holds every customer. Merged-away and erased customers are
 * never in an audience, whatever the filter says.
 */
@Schema(name = "AudienceFilter", description = "Who an audience holds: every dimension given must match (AND); inside a list any "
        + "value matches (OR), except tags.allOf. Absent or empty dimensions do not filter; the empty filter holds every customer.")
public record AudienceFilter(
        @Schema(description = "Segment is one of these", maxItems = 4, examples = "[\"RELATIONAL\", \"KEY_ACCOUNT\"]")
        List<Segment> segments,
        @Schema(description = "Value tier is one of these (customers not ranked yet have none)", maxItems = 3, examples = "[\"A\", \"B\"]")
        List<ValueTier> valueTiers,
        @Schema(description = "Lifecycle stage is one of these", maxItems = 7, examples = "[\"REPEAT_BUYER\", \"STABLE_PARTNER\"]")
        List<Stage> stages,
        Tags tags,
        @Schema(description = "Each attribute of the profile has this value, compared as text (3 matches both 3 and \"3\"); keys: "
                + "letters, digits, _ . - (1 to 64), at most " + AudienceFilter.MAX_ATTRIBUTES + " keys, values up to 200 characters",
                examples = "{\"preferredStore\": \"Shanghai-3\"}")
        Map<String, String> attributes,
        @Schema(description = "Loyalty tier (from loyalty-service's events) is one of these; customers outside the club have none",
                maxItems = 4, examples = "[\"GOLD\", \"PLATINUM\"]")
        List<LoyaltyTier> loyaltyTiers,
        LastPurchase lastPurchase,
        MoneyRange lifetimeValue) {

    static final int MAX_TAGS = 20;
    static final int MAX_ATTRIBUTES = 10;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _:.-]{1,50}");
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final BigDecimal MONEY_LIMIT = new BigDecimal("1000000000000"); // 12 integer digits, as purchase amounts

    @Schema(name = "AudienceTags", description = "Tags as the profile holds them (lower case; compared case-insensitively)")
    public record Tags(
            @Schema(description = "Has every one of these tags", maxItems = MAX_TAGS, examples = "[\"vip\"]") List<String> allOf,
            @Schema(description = "Has at least one of these tags", maxItems = MAX_TAGS, examples = "[\"golf\", \"tennis\"]") List<String> anyOf) {
    }

    @Schema(name = "AudienceLastPurchase", description = "When the customer last bought. after/before need a purchase; "
            + "noneInLastDays also holds customers who never bought")
    public record LastPurchase(
            @Schema(description = "Last purchase at or after this instant", examples = "2026-01-01T00:00:00Z") OffsetDateTime after,
            @Schema(description = "Last purchase before this instant", examples = "2026-07-01T00:00:00Z") OffsetDateTime before,
            @Schema(description = "No purchase in the last N days before the audience is evaluated (a send, a preview), never "
                    + "bought included: the \"no purchase since\" of a saved filter", minimum = "1", maximum = "3650", examples = "90")
            Integer noneInLastDays) {
    }

    @Schema(name = "AudienceMoneyRange", description = "Lifetime value in the reporting currency (crm.customer.value.currency), bounds included")
    public record MoneyRange(
            @Schema(description = "At least", minimum = "0", examples = "10000.00") BigDecimal min,
            @Schema(description = "At most", minimum = "0", examples = "100000.00") BigDecimal max) {
    }

    /**
     * This filter checked and normalised (values deduplicated, tags trimmed and lower-cased, empty
     * dimensions dropped). Malformed values are 400 naming each field under {@code fieldPrefix}; ranges
     * that can never match (after not before before, min above max) are 422.
     */
    public static AudienceFilter validated(AudienceFilter f, String fieldPrefix) {
        if (f == null) {
            return empty();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String p = fieldPrefix == null || fieldPrefix.isEmpty() ? "" : fieldPrefix + ".";
        List<Segment> segments = distinct(f.segments(), p + "segments", Segment.values().length, errors);
        List<ValueTier> valueTiers = distinct(f.valueTiers(), p + "valueTiers", ValueTier.values().length, errors);
        List<Stage> stages = distinct(f.stages(), p + "stages", Stage.values().length, errors);
        List<LoyaltyTier> loyaltyTiers = distinct(f.loyaltyTiers(), p + "loyaltyTiers", LoyaltyTier.values().length, errors);
        Tags tags = null;
        if (f.tags() != null) {
            List<String> allOf = tags(f.tags().allOf(), p + "tags.allOf", errors);
            List<String> anyOf = tags(f.tags().anyOf(), p + "tags.anyOf", errors);
            tags = allOf == null && anyOf == null ? null : new Tags(allOf, anyOf);
        }
        Map<String, String> attributes = null;
        if (f.attributes() != null && !f.attributes().isEmpty()) {
            if (f.attributes().size() > MAX_ATTRIBUTES) {
                errors.add(new Problem.FieldError(p + "attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
            }
            attributes = new LinkedHashMap<>();
            for (Map.Entry<String, String> a : f.attributes().entrySet()) {
                String field = p + "attributes." + a.getKey();
                if (a.getKey() == null || !ATTRIBUTE_KEY.matcher(a.getKey()).matches()) {
                    errors.add(new Problem.FieldError(p + "attributes", "keys are 1 to 64 letters, digits, _ . or -"));
                } else if (a.getValue() == null || a.getValue().length() > 200) {
                    errors.add(new Problem.FieldError(field, "must be a text of at most 200 characters"));
                } else {
                    attributes.put(a.getKey(), a.getValue());
                }
            }
        }
        LastPurchase lastPurchase = null;
        boolean inverted = false;
        if (f.lastPurchase() != null) {
            LastPurchase lp = f.lastPurchase();
            if (lp.noneInLastDays() != null && (lp.noneInLastDays() < 1 || lp.noneInLastDays() > 3650)) {
                errors.add(new Problem.FieldError(p + "lastPurchase.noneInLastDays", "must be between 1 and 3650"));
            }
            inverted |= lp.after() != null && lp.before() != null && !lp.after().isBefore(lp.before());
            if (lp.after() != null || lp.before() != null || lp.noneInLastDays() != null) {
                lastPurchase = lp;
            }
        }
        MoneyRange lifetimeValue = null;
        if (f.lifetimeValue() != null) {
            MoneyRange r = f.lifetimeValue();
            money(r.min(), p + "lifetimeValue.min", errors);
            money(r.max(), p + "lifetimeValue.max", errors);
            inverted |= r.min() != null && r.max() != null && r.min().compareTo(r.max()) > 0;
            if (r.min() != null || r.max() != null) {
                // amounts as money: 10000 and 1E+4 are 10000.00, stored and compared alike
                lifetimeValue = new MoneyRange(cents(r.min()), cents(r.max()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        if (inverted) {
            List<Problem.FieldError> ranges = new ArrayList<>();
            if (lastPurchase != null && lastPurchase.after() != null && lastPurchase.before() != null
                    && !lastPurchase.after().isBefore(lastPurchase.before())) {
                ranges.add(new Problem.FieldError(p + "lastPurchase", "after must be before before"));
            }
            if (lifetimeValue != null && lifetimeValue.min() != null && lifetimeValue.max() != null
                    && lifetimeValue.min().compareTo(lifetimeValue.max()) > 0) {
                ranges.add(new Problem.FieldError(p + "lifetimeValue", "min must not be above max"));
            }
            throw new ProblemException(422, "inverted-range", "Unprocessable request",
                    ranges.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "))
                            + " (such a range can never match)", ranges);
        }
        return new AudienceFilter(segments, valueTiers, stages, tags, attributes, loyaltyTiers, lastPurchase, lifetimeValue);
    }

    public static AudienceFilter empty() {
        return new AudienceFilter(null, null, null, null, null, null, null, null);
    }

    private static <T> List<T> distinct(List<T> values, String field, int max, List<Problem.FieldError> errors) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new Problem.FieldError(field, "must not contain null"));
            return null;
        }
        List<T> unique = List.copyOf(new LinkedHashSet<>(values));
        if (unique.size() > max) {
            errors.add(new Problem.FieldError(field, "at most " + max + " values"));
        }
        return unique;
    }

    private static List<String> tags(List<String> given, String field, List<Problem.FieldError> errors) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > MAX_TAGS) {
            errors.add(new Problem.FieldError(field, "at most " + MAX_TAGS + " tags"));
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String tag = given.get(i) == null ? "" : given.get(i).trim().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "1 to 50 letters, digits, space, _ : . - only"));
            } else if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount == null || Math.max(amount.scale(), 0) > 2 ? amount : amount.setScale(2);
    }

    private static void money(BigDecimal amount, String field, List<Problem.FieldError> errors) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0 || amount.compareTo(MONEY_LIMIT) >= 0 || Math.max(amount.scale(), 0) > 2) {
            errors.add(new Problem.FieldError(field, "must be an amount from 0 with at most 12 digits and 2 decimals"));
        }
    }
}
