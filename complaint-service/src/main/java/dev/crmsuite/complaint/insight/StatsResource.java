package dev.crmsuite.complaint.insight;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.complaint.sla.BusinessCalendar;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Complaint statistics for managers: how fast, how well, and what the complaints teach. Staff only:
 * the figures aggregate every customer's complaints (consenting or not) and rate our own handlers.
 */
@Path("/api/v1/complaints/stats")
@Tag(name = "Complaint statistics", description = "Volume, first-contact resolution, response and resolution times, compliance")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private static final int STATS_PAGE = 2000;

    private final EntityManager em;
    private final BusinessCalendar calendar;
    private final Clock clock;

    public StatsResource(EntityManager em, BusinessCalendar calendar, Clock clock) {
        this.em = em;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Schema(name = "ComplaintStats", description = "Statistics of the complaints filed in [from, to)")
    public record StatsView(OffsetDateTime from, OffsetDateTime to,
                            @Schema(examples = "category") String groupBy,
                            List<ComplaintStats.Group> groups) {
    }

    @GET
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @StaffOnly("an aggregate over every customer's complaints, and KPIs of our handlers")
    @Operation(operationId = "complaintStats", summary = "Complaint statistics",
            description = "Over complaints filed in [from, to): volume, first-contact resolution %, median and p90 business "
                    + "hours to first response and to resolution (pauses excluded), deadline compliance %, reopen %, top "
                    + "tags; optionally per category, channel, customer segment or assignee. Erased complaints count: "
                    + "erasure removes text, not facts.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsView.class)))
    @APIResponse(responseCode = "400", description = "from, to or groupBy is invalid; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StatsView stats(
            @Parameter(description = "Start (inclusive): ISO date-time or date (midnight in the business time zone); default 30 days before to",
                    example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive): ISO date-time or date; default now", example = "2026-12-01")
            @QueryParam("to") String to,
            @Parameter(description = "category, channel, segment or assignee", example = "category") @QueryParam("groupBy") String groupBy) {
        OffsetDateTime end = to == null || to.isBlank() ? OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC) : time("to", to);
        OffsetDateTime start = from == null || from.isBlank() ? end.minus(Duration.ofDays(30)) : time("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        ComplaintStats.GroupBy by = null;
        if (groupBy != null && !groupBy.isBlank()) {
            try {
                by = ComplaintStats.GroupBy.valueOf(groupBy.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("groupBy", "must be one of "
                        + Arrays.stream(ComplaintStats.GroupBy.values()).map(g -> g.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        ComplaintStats.Tally tally = new ComplaintStats(calendar).tally(by);
        // Page by the queue index (filed_at, id): the statistics keep counts and hours, never the range's complaints.
        OffsetDateTime afterFiled = start;
        UUID afterId = new UUID(0, 0);
        while (true) {
            @SuppressWarnings("unchecked")
            List<Tuple> rows = em.createNativeQuery("""
                            select c.id, c.category, c.channel, c.customer_segment, c.assignee, c.filed_at, c.acknowledged_at,
                                   c.resolved_at, c.paused_seconds, c.first_contact_resolution,
                                   exists (select 1 from complaint_breach b where b.complaint_id = c.id) as breached,
                                   c.reopen_count,
                                   coalesce((select string_agg(t.tag, ',' order by t.tag) from complaint_tag t where t.complaint_id = c.id), '') as tags
                            from complaint c where (c.filed_at, c.id) > (?1, ?2) and c.filed_at < ?3
                            order by c.filed_at, c.id limit ?4""", Tuple.class)
                    .setParameter(1, afterFiled).setParameter(2, afterId).setParameter(3, end).setParameter(4, STATS_PAGE)
                    .getResultList();
            for (Tuple r : rows) {
                String tags = r.get("tags", String.class);
                tally.add(new ComplaintStats.Facts(r.get("category", String.class), r.get("channel", String.class),
                        r.get("customer_segment", String.class), r.get("assignee", String.class),
                        SqlTimes.utc(r.get("filed_at")).toInstant(), instant(r.get("acknowledged_at")), instant(r.get("resolved_at")),
                        r.get("paused_seconds", Number.class).longValue(), r.get("first_contact_resolution", Boolean.class),
                        r.get("breached", Boolean.class), r.get("reopen_count", Number.class).intValue(),
                        tags.isEmpty() ? List.of() : List.of(tags.split(","))));
            }
            if (rows.size() < STATS_PAGE) {
                break;
            }
            afterFiled = SqlTimes.utc(rows.getLast().get("filed_at"));
            afterId = rows.getLast().get("id", UUID.class);
        }
        return new StatsView(start, end, by == null ? null : by.name().toLowerCase(Locale.ROOT), tally.groups());
    }

    private static Instant instant(Object sqlTime) {
        OffsetDateTime t = SqlTimes.utc(sqlTime);
        return t == null ? null : t.toInstant();
    }

    private OffsetDateTime time(String field, String value) {
        try {
            return OffsetDateTime.parse(value.trim()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(calendar.zone()).toOffsetDateTime()
                        .withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                throw ProblemException.invalid(field, "must be an ISO 8601 date-time (2026-11-01T00:00:00Z) or date (2026-11-01)");
            }
        }
    }
}
