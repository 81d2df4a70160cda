package dev.crmsuite.complaint.assignment;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.complaint.complaint.AuditTrail;
import dev.crmsuite.complaint.complaint.Category;
import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.complaint.complaint.ComplaintEvents;
import dev.crmsuite.complaint.complaint.ComplaintStatus;
import dev.crmsuite.complaint.config.ComplaintConfig;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who holds a complaint: a dedicated handler, or a team queue until someone takes it. New
 * complaints go by category rule to a team and round-robin to its next handler; every change of
 * holder keeps the previous one in the history.
 */
@ApplicationScoped
public class Assignments {

    @Inject
    EntityManager em;
    @Inject
    TeamRules rules;
    @Inject
    AuditTrail audit;
    @Inject
    Outbox outbox;

    public record Holder(String assignee, String team, String assignedBy, String reason, OffsetDateTime assignedAt,
                         OffsetDateTime endedAt) {
    }

    @Produces
    @Singleton
    static TeamRules teamRules(ComplaintConfig config) {
        Map<String, TeamRules.Team> teams = new HashMap<>();
        config.teams().forEach((name, team) -> {
            EnumSet<Category> categories = EnumSet.noneOf(Category.class);
            team.categories().orElse(java.util.Set.of()).forEach(c -> categories.add(Category.valueOf(c.trim().toUpperCase())));
            if (team.members().isEmpty()) {
                throw new IllegalArgumentException("crm.complaint.teams." + name + ".members: a team needs at least one handler");
            }
            teams.put(name, new TeamRules.Team(name, List.copyOf(team.members()), categories));
        });
        return new TeamRules(teams, config.defaultTeam());
    }

    /** Category rule + round-robin: the complaint gets the team's next handler at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void autoAssign(Complaint c, String actor, OffsetDateTime now) {
        rules.forCategory(c.category).ifPresent(team -> {
            String handler = TeamRules.memberFor(team, nextTurn(team.name()));
            hand(c, handler, team.name(), actor, "rule: category " + c.category + " -> team " + team.name(), now);
        });
    }

    /**
     * Explicit (re)assignment. A handler alone keeps the current team; a team alone puts the
     * complaint into that team's queue with no handler.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assign(Complaint c, String assignee, String team, String reason, String actor, OffsetDateTime now) {
        if (c.status == ComplaintStatus.CLOSED) {
            throw ProblemException.conflict("complaint-closed", "complaint " + c.id + " is closed; reopen it first")
                    .with("allowedActions", List.of("reopen"));
        }
        // Names in a well-formed request that name nobody we know: 422 naming the field, nothing changes.
        if (team != null && rules.team(team).isEmpty()) {
            throw unknown("unknown-team", "team", "no such team: " + team + "; known teams: " + rules.names().stream().sorted().toList());
        }
        String newTeam = team != null ? team : c.team;
        if (assignee != null) {
            rules.refusal(assignee, newTeam).ifPresent(why -> {
                throw unknown(rules.teamsOf(assignee).isEmpty() ? "unknown-handler" : "handler-not-in-team", "assignee", why);
            });
        }
        hand(c, assignee, newTeam, actor, reason, now);
    }

    private static ProblemException unknown(String slug, String field, String message) {
        return new ProblemException(422, slug, "Unprocessable request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** A holder with its keyset position: what the next page starts after. */
    public record HolderRow(Holder holder, long id) {
    }

    /** Up to {@code max} holders after position {@code afterId} (0: from the start), oldest first. */
    public List<HolderRow> history(UUID complaintId, long afterId, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select assignee, team, assigned_by, reason, assigned_at, ended_at, id from complaint_assignment
                        where complaint_id = ?1 and id > ?2 order by id limit ?3""")
                .setParameter(1, complaintId).setParameter(2, afterId).setParameter(3, max).getResultList();
        return rows.stream().map(r -> new HolderRow(new Holder((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                SqlTimes.utc(r[4]), SqlTimes.utc(r[5])), ((Number) r[6]).longValue())).toList();
    }

    private void hand(Complaint c, String assignee, String team, String actor, String reason, OffsetDateTime now) {
        em.createNativeQuery("update complaint_assignment set ended_at = ?2 where complaint_id = ?1 and ended_at is null")
                .setParameter(1, c.id).setParameter(2, now).executeUpdate();
        em.createNativeQuery("""
                        insert into complaint_assignment (complaint_id, assignee, team, assigned_by, reason, assigned_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, c.id).setParameter(2, assignee).setParameter(3, team).setParameter(4, actor)
                .setParameter(5, reason).setParameter(6, now).executeUpdate();
        audit.change(c.id, actor, now, "assign", "assignee", c.assignee, assignee);
        audit.change(c.id, actor, now, "assign", "team", c.team, team);
        c.assignee = assignee;
        c.team = team;
        c.updatedAt = now;
        outbox.append(c.customerId.toString(), ComplaintEvents.Assigned.TYPE,
                new ComplaintEvents.Assigned(c.id, c.customerId, assignee, team, now));
    }

    /** The team's turn number, advanced atomically: the row lock serialises concurrent intakes. */
    private long nextTurn(String team) {
        return ((Number) em.createNativeQuery("""
                        insert into team_rotation (team, next_turn) values (?1, 1)
                        on conflict (team) do update set next_turn = team_rotation.next_turn + 1
                        returning next_turn - 1""")
                .setParameter(1, team).getSingleResult()).longValue();
    }
}
