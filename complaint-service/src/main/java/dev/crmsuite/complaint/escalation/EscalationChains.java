package dev.crmsuite.complaint.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who owns an escalated complaint: each team has a chain of named owners (its lead first, then who
 * stands above), and teams without one use the global chain. A complaint's first escalation goes to
 * the first name of its team's chain, each further escalation of the same complaint one step up;
 * past the end the top of the chain keeps it (nobody is above them to hand it to).
 *
 * <p>Owners are handlers: every name must be a member of a configured team, so an escalation always
 * reaches someone who exists and can take the complaint over. A chain naming anybody else, or a
 * team nobody configured, fails at start-up rather than on the first breached deadline.
 */
public final class EscalationChains {

    private final Map<String, List<String>> chains;
    private final List<String> fallback;

    /**
     * @param chains   team name → owners, level 1 first ({@code crm.complaint.escalation.chain.<team>})
     * @param fallback the chain of teams without one, and of complaints in no team
     *                 ({@code crm.complaint.escalation.default-chain})
     * @param teams    the configured teams
     * @param handlers every known handler (the members of the configured teams)
     */
    public EscalationChains(Map<String, List<String>> chains, List<String> fallback, Set<String> teams, Set<String> handlers) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> checked = new TreeMap<>();
        chains.forEach((team, owners) -> {
            String key = "crm.complaint.escalation.chain." + team;
            if (!teams.contains(team)) {
                problems.add(key + ": no such team; known teams: " + new java.util.TreeSet<>(teams));
            }
            checked.put(team, check(key, owners, handlers, problems));
        });
        this.fallback = check("crm.complaint.escalation.default-chain", fallback, handlers, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.chains = Map.copyOf(checked);
    }

    private static List<String> check(String key, List<String> owners, Set<String> handlers, List<String> problems) {
        List<String> names = owners == null ? List.of() : owners.stream().map(String::trim).toList();
        if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            problems.add(key + ": name at least one owner, no empty names");
        }
        names.stream().filter(n -> !n.isEmpty() && !handlers.contains(n)).forEach(n -> problems.add(key + ": " + n
                + " is no handler; owners must be members of a configured team (crm.complaint.teams.<team>.members)"));
        return List.copyOf(names);
    }

    /** The chain a complaint of {@code team} escalates along (the global one for no team or a team without one). */
    public List<String> chainOf(String team) {
        List<String> own = team == null ? null : chains.get(team);
        return own != null ? own : fallback;
    }

    /** The owner of the {@code level}-th escalation (1 = first) of a complaint of {@code team}. */
    public String ownerAt(String team, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("escalation levels start at 1: " + level);
        }
        List<String> chain = chainOf(team);
        return chain.get(Math.min(level, chain.size()) - 1);
    }

    /** Whether {@code name} owns escalations in any chain. */
    public boolean isOwner(String name) {
        return fallback.contains(name) || chains.values().stream().anyMatch(c -> c.contains(name));
    }
}
