package dev.crmsuite.survey.score;

import dev.crmsuite.survey.survey.Question;
import dev.crmsuite.survey.survey.QuestionType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Choice distributions and their anonymity rule, free of Quarkus and SQL so they are unit-tested on
 * known sets. The database counts (per group of responses and question: respondents, and choices
 * per option); this class lays the counts over the questionnaire's options (so an option nobody chose
 * shows 0) and hides the groups of an anonymous survey that are too small to show.
 *
 * <p>Anonymity: a group holding an anonymous answer and fewer than {@code minimumGroup} respondents
 * is suppressed, because a few answers in a known segment (or in a narrow period) point at the people
 * who gave them. Suppressing one small group of a breakdown is not enough when the total is shown:
 * total minus the others gives it back. So within a breakdown, further groups, smallest first, are
 * suppressed until the suppressed ones hold at least {@code minimumGroup} respondents together (or no
 * group is left to show).
 */
public final class ChoiceDistributions {

    private ChoiceDistributions() {
    }

    /** What responses are cut by: the customer's attributes when they answered. */
    public interface Group {
        String segment();

        String valueTier();

        String stage();

        String loyaltyTier();
    }

    /** A choice question of the versions in a report: the newest wording, every option any of them offered. */
    public record ChoiceQuestion(String key, QuestionType type, String text, List<String> options) {
    }

    /** {@code count} respondents of one group chose {@code option} in question {@code questionKey}. */
    public record OptionTally(String segment, String valueTier, String stage, String loyaltyTier, String questionKey,
                              String option, long count) implements Group {
    }

    /** {@code respondents} responses of one group answered {@code questionKey}; {@code anonymous} of them to an anonymous version. */
    public record Respondents(String segment, String valueTier, String stage, String loyaltyTier, String questionKey,
                              long respondents, long anonymous) implements Group {
    }

    /**
     * The choice questions of these versions (oldest first), in the newest version's order, followed by
     * those only older versions asked. Options: the newest version's first, then those only older ones offered.
     */
    public static List<ChoiceQuestion> questions(List<List<Question>> versionsOldestFirst) {
        Map<String, Question> newest = new LinkedHashMap<>();
        Map<String, Set<String>> options = new HashMap<>();
        for (int i = versionsOldestFirst.size() - 1; i >= 0; i--) {
            for (Question q : versionsOldestFirst.get(i)) {
                if (q.type() == null || !q.type().choice()) {
                    continue;
                }
                newest.putIfAbsent(q.key(), q);
                options.computeIfAbsent(q.key(), k -> new LinkedHashSet<>()).addAll(q.options() == null ? List.of() : q.options());
            }
        }
        return newest.values().stream()
                .map(q -> new ChoiceQuestion(q.key(), q.type(), q.text(), List.copyOf(options.get(q.key())))).toList();
    }

    /** The results of one question from the counts of every question (those of other questions are ignored). */
    public static ChoiceResults results(ChoiceQuestion question, Collection<OptionTally> tallies,
                                        Collection<Respondents> respondents, int minimumGroup) {
        List<OptionTally> t = tallies.stream().filter(x -> x.questionKey().equals(question.key())).toList();
        List<Respondents> r = respondents.stream().filter(x -> x.questionKey().equals(question.key())).toList();
        return new ChoiceResults(question.key(), question.type(), question.text(),
                distribution(question.options(), t, r, minimumGroup),
                by(question.options(), t, r, Group::segment, minimumGroup),
                by(question.options(), t, r, Group::valueTier, minimumGroup),
                by(question.options(), t, r, Group::stage, minimumGroup),
                by(question.options(), t, r, Group::loyaltyTier, minimumGroup));
    }

    /** Whether a group must be hidden: it holds an anonymous answer and is smaller than the minimum. */
    public static boolean tooSmall(long respondents, long anonymous, int minimumGroup) {
        return anonymous > 0 && respondents < minimumGroup;
    }

    /** One group's distribution over the question's options, suppressed when {@link #tooSmall}. */
    public static ChoiceResults.Distribution distribution(List<String> options, Collection<OptionTally> tallies,
                                                         Collection<Respondents> respondents, int minimumGroup) {
        long answered = respondents.stream().mapToLong(Respondents::respondents).sum();
        long anonymous = respondents.stream().mapToLong(Respondents::anonymous).sum();
        return tooSmall(answered, anonymous, minimumGroup) ? suppressed(options) : shown(options, tallies, answered);
    }

    /**
     * Distributions per value of an attribute (an unknown value is "UNKNOWN"), sorted by value, with the
     * small groups of an anonymous survey suppressed and, where needed, more of them (see the class comment).
     */
    public static Map<String, ChoiceResults.Distribution> by(List<String> options, Collection<OptionTally> tallies,
                                                            Collection<Respondents> respondents,
                                                            Function<Group, String> attribute, int minimumGroup) {
        Function<Group, String> key = g -> attribute.apply(g) == null ? "UNKNOWN" : attribute.apply(g);
        TreeSet<String> values = new TreeSet<>();
        respondents.forEach(r -> values.add(key.apply(r)));
        Map<String, GroupSize> sizes = new LinkedHashMap<>();
        for (String v : values) {
            long answered = respondents.stream().filter(r -> v.equals(key.apply(r))).mapToLong(Respondents::respondents).sum();
            long anonymous = respondents.stream().filter(r -> v.equals(key.apply(r))).mapToLong(Respondents::anonymous).sum();
            sizes.put(v, new GroupSize(answered, anonymous));
        }
        Set<String> hidden = hiddenGroups(sizes, minimumGroup);
        Map<String, Long> size = new HashMap<>();
        sizes.forEach((v, g) -> size.put(v, g.respondents()));
        Map<String, ChoiceResults.Distribution> out = new LinkedHashMap<>();
        for (String v : values) {
            out.put(v, hidden.contains(v) ? suppressed(options)
                    : shown(options, tallies.stream().filter(t -> v.equals(key.apply(t))).toList(), size.get(v)));
        }
        return out;
    }

    /** How many respondents a group of a breakdown holds, and how many of them answered an anonymous version. */
    public record GroupSize(long respondents, long anonymous) {
    }

    /**
     * The groups of a breakdown to hide: each group {@link #tooSmall} to show, then, if any, further
     * shown groups, smallest first (ties by name), until the hidden ones hold at least {@code minimumGroup}
     * respondents together (or no group is left), so total minus the shown groups gives no small group
     * back. Used for every breakdown of answers: choice distributions, and the scores by attribute and
     * time bucket.
     */
    public static Set<String> hiddenGroups(Map<String, GroupSize> groups, int minimumGroup) {
        Set<String> hidden = new LinkedHashSet<>();
        groups.forEach((name, g) -> {
            if (tooSmall(g.respondents(), g.anonymous(), minimumGroup)) {
                hidden.add(name);
            }
        });
        if (!hidden.isEmpty()) {
            // Complementary suppression: the hidden groups together must not be a small group of their own.
            List<String> shownBySize = groups.keySet().stream().filter(v -> !hidden.contains(v))
                    .sorted(Comparator.comparingLong((String v) -> groups.get(v).respondents())
                            .thenComparing(Comparator.naturalOrder())).toList();
            for (String next : shownBySize) {
                if (hidden.stream().mapToLong(v -> groups.get(v).respondents()).sum() >= minimumGroup) {
                    break;
                }
                hidden.add(next);
            }
        }
        return hidden;
    }

    private static ChoiceResults.Distribution shown(List<String> options, Collection<OptionTally> tallies, long answered) {
        Map<String, Long> chosen = new HashMap<>();
        tallies.forEach(t -> chosen.merge(t.option(), t.count(), Long::sum));
        List<ChoiceResults.OptionCount> counts = new ArrayList<>();
        for (String option : options) {
            long n = chosen.getOrDefault(option, 0L);
            counts.add(new ChoiceResults.OptionCount(option, n, ScoreMath.percent(n, answered)));
        }
        return new ChoiceResults.Distribution(answered, false, counts);
    }

    private static ChoiceResults.Distribution suppressed(List<String> options) {
        return new ChoiceResults.Distribution(null, true,
                options.stream().map(o -> new ChoiceResults.OptionCount(o, null, null)).toList());
    }
}
