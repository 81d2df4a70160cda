package dev.crmsuite.complaint.sla;

import dev.crmsuite.complaint.complaint.Category;
import dev.crmsuite.complaint.complaint.Priority;
import dev.crmsuite.complaint.complaint.PriorityPolicy;
import dev.crmsuite.complaint.config.ComplaintConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Builds the plain rule objects from configuration once, failing start-up on a bad configuration. */
@ApplicationScoped
public class SlaSetup {

    @Produces
    @Singleton
    BusinessCalendar calendar(ComplaintConfig config) {
        ComplaintConfig.Calendar c = config.calendar();
        return new BusinessCalendar(c.zone(), c.workingDays(), c.dayStart(), c.dayEnd(), c.holidays().orElse(Set.of()));
    }

    @Produces
    @Singleton
    ComplaintDeadlines deadlines(ComplaintConfig config, BusinessCalendar calendar) {
        return new ComplaintDeadlines(calendar, byPriority(config.deadlines().firstResponse(), "first-response"),
                byPriority(config.deadlines().resolution(), "resolution"));
    }

    @Produces
    @Singleton
    PriorityPolicy priorityPolicy(ComplaintConfig config) {
        Map<Category, Priority> byCategory = new EnumMap<>(Category.class);
        config.priority().category().forEach((category, priority) ->
                byCategory.put(Category.valueOf(category.toUpperCase()), Priority.valueOf(priority.toUpperCase())));
        return new PriorityPolicy(byCategory, config.priority().tierABoost());
    }

    private static Map<Priority, Duration> byPriority(Map<String, Duration> raw, String what) {
        Map<Priority, Duration> out = new EnumMap<>(Priority.class);
        raw.forEach((name, target) -> {
            try {
                out.put(Priority.valueOf(name.toUpperCase()), target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("crm.complaint.deadlines." + what + "." + name + ": not a priority");
            }
        });
        return out;
    }
}
