package dev.crmsuite.complaint.insight;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.complaint.sla.BusinessCalendar;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Complaint statistics for managers: how fast, how well, and what the complaints teach. Staff only:
 * the figures aggregate every customer's complaints (consenting or not) and rate our own handlers.
 */
@Path("/api/v1/complaints/stats")
@Tag(name = "Complaint statistics", description = "Volume, first-contact resolution, response and resolution times, compliance")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select c.category, c.channel, c.customer_segment, c.assignee, c.filed_at, c.acknowledged_at,
                               c.resolved_at, c.paused_seconds, c.first_contact_resolution,
                               exists (select 1 from complaint_breach b where b.complaint_id = c.id) as breached,
                               c.reopen_count,
                               coalesce((select string_agg(t.tag, ',' order by t.tag) from complaint_tag t where t.complaint_id = c.id), '')
                        from complaint c where c.filed_at >= ?1 and c.filed_at < ?2""")
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<ComplaintStats.Facts> facts = rows.stream().map(r -> new ComplaintStats.Facts(
                (String) r[0], (String) r[1], (String) r[2], (String) r[3],
                SqlTimes.utc(r[4]).toInstant(), r[5] == null ? null : SqlTimes.utc(r[5]).toInstant(),
                r[6] == null ? null : SqlTimes.utc(r[6]).toInstant(), ((Number) r[7]).longValue(), (Boolean) r[8],
                (Boolean) r[9], ((Number) r[10]).intValue(),
                ((String) r[11]).isEmpty() ? List.of() : List.of(((String) r[11]).split(",")))).toList();
        return new StatsView(start, end, by == null ? null : by.name().toLowerCase(Locale.ROOT),
                new ComplaintStats(calendar).compute(facts, by));
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
