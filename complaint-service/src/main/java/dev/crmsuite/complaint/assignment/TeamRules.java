package dev.crmsuite.complaint.assignment;

import dev.crmsuite.complaint.complaint.Category;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which team takes a complaint of a category and whose turn it is inside the team. Plain class:
 * the turn counter itself lives in the database so the rotation holds across replicas.
 */
public final class TeamRules {

    public record Team(String name, List<String> members, Set<Category> categories) {
    }

    private final Map<String, Team> teams;
    private final String defaultTeam;

    public TeamRules(Map<String, Team> teams, String defaultTeam) {
        this.teams = Map.copyOf(teams);
        this.defaultTeam = defaultTeam;
        if (defaultTeam != null && !teams.containsKey(defaultTeam)) {
            throw new IllegalArgumentException("crm.complaint.default-team names no configured team: " + defaultTeam);
        }
    }

    public Optional<Team> team(String name) {
        return Optional.ofNullable(name == null ? null : teams.get(name));
    }

    /** The team whose rule claims {@code category} (first by name when several do), else the default team. */
    public Optional<Team> forCategory(Category category) {
        return teams.values().stream()
                .filter(t -> t.categories().contains(category))
                .min(Comparator.comparing(Team::name))
                .or(() -> team(defaultTeam));
    }

    /** The handler whose turn {@code turn} is (0, 1, 2, ... round the team). */
    public static String memberFor(Team team, long turn) {
        return team.members().get((int) Math.floorMod(turn, (long) team.members().size()));
    }

    public Set<String> names() {
        return teams.keySet();
    }

    /** Every handler: the members of the configured teams (a handler may be in several). */
    public Set<String> handlers() {
        return teams.values().stream().flatMap(t -> t.members().stream())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The teams {@code handler} is a member of, by name; empty for someone who is no handler. */
    public Set<String> teamsOf(String handler) {
        return teams.values().stream().filter(t -> t.members().contains(handler)).map(Team::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Why {@code assignee} cannot hold a complaint of {@code team}, or empty when they can: only
     * handlers hold complaints, and only in a team they are a member of (a billing handler does not
     * take the care team's work by a typo or a shortcut). No team: any handler.
     */
    public Optional<String> refusal(String assignee, String team) {
        Set<String> theirs = teamsOf(assignee);
        if (theirs.isEmpty()) {
            return Optional.of("no such handler: " + assignee + "; handlers are the members of the configured teams: " + handlers());
        }
        if (team != null && !theirs.contains(team)) {
            return Optional.of(assignee + " is not a member of team " + team + " (member of " + theirs + "); give their team too, "
                    + "or a member of " + team + ": " + team(team).map(Team::members).orElse(List.of()));
        }
        return Optional.empty();
    }
}
