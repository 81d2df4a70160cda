package dev.crmsuite.complaint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every number of the complaint rules, under {@code crm.complaint.*}. The values and what each one
 * means are documented once, in this service's {@code application.properties}.
 */
@ConfigMapping(prefix = "crm.complaint")
public interface ComplaintConfig {

    Calendar calendar();

    Deadlines deadlines();

    Priorities priority();

    /** A RESOLVED complaint with no change at all for this long is closed by the scheduled check. */
    Duration autoCloseAfter();

    /** How long after its resolution a complaint may still be reopened. */
    Duration reopenWindow();

    /** How often the scheduled deadline check runs ("off" disables it). */
    String checkEvery();

    /** Most complaints one run of the scheduled check handles per kind of work. */
    @WithDefault("200")
    int checkBatchSize();

    /** Who owns escalations: a chain of handlers per team, and the global chain. */
    Escalation escalation();

    /** Team queue for categories no team claims; a complaint is never left without an owner. */
    String defaultTeam();

    /** Handler teams: who is in them and which categories they take. */
    Map<String, Team> teams();

    interface Calendar {
        ZoneId zone();

        Set<DayOfWeek> workingDays();

        LocalTime dayStart();

        LocalTime dayEnd();

        Optional<Set<LocalDate>> holidays();
    }

    interface Deadlines {
        /** First-response target per priority name (LOW, MEDIUM, HIGH, URGENT), in business time. */
        Map<String, Duration> firstResponse();

        /** Resolution target per priority name, in business time. */
        Map<String, Duration> resolution();
    }

    interface Priorities {
        /** Starting priority per category name. */
        Map<String, String> category();

        /** Levels a value tier A customer's complaint is raised by. */
        int tierABoost();
    }

    interface Team {
        /** Handlers, in round-robin order. */
        List<String> members();

        /** Categories this team takes by rule (none: only explicit assignment). */
        Optional<Set<String>> categories();
    }

    interface Escalation {
        /** Per team: the owners of its escalations, level 1 (the team lead) first, each next escalation the next. */
        Map<String, List<String>> chain();

        /** The chain of teams without their own, and of complaints in no team. */
        List<String> defaultChain();
    }
}
