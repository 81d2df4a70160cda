package dev.crmsuite.customer.analytics;

import dev.crmsuite.customer.complaint.ComplaintFigures;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/v1/analytics/customers")
@Tag(name = "Analytics")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerAnalyticsResource {

    @Inject
    EntityManager em;
    @Inject
    CustomerConfig config;
    @Inject
    Clock clock;
    @Inject
    ComplaintFigures complaintFigures;

    @Schema(name = "CustomerAnalytics", description = "Counts and rates a manager must see")
    public record CustomerAnalytics(
            OffsetDateTime from, OffsetDateTime to,
            @Schema(description = "Customers (merged duplicates excluded)", examples = "1200") long customers,
            @Schema(description = "Count per segment; NONE = not yet known", examples = "{\"RELATIONAL\": 300, \"NONE\": 500}") Map<String, Long> bySegment,
            @Schema(description = "Count per Pareto tier; NONE = not yet ranked", examples = "{\"A\": 240, \"B\": 300, \"C\": 660}") Map<String, Long> byTier,
            @Schema(examples = "{\"PROSPECT\": 400, \"REPEAT_BUYER\": 200}") Map<String, Long> byStage,
            @Schema(description = "Share of 12-month revenue per tier (0..1)", examples = "{\"A\": 0.8, \"B\": 0.15, \"C\": 0.05}") Map<String, BigDecimal> revenueShareByTier,
            @Schema(description = "Average lifetime value per segment", examples = "{\"KEY_ACCOUNT\": 250000.00}") Map<String, BigDecimal> averageLifetimeValueBySegment,
            @Schema(description = "Net revenue of the last 12 months, all customers", examples = "1234567.00") BigDecimal revenue12Months,
            @Schema(examples = "CNY") String currency,
            FollowUpCounts followUps,
            @Schema(description = "Per account manager (and follow-up owner)") List<Scorecard> accountManagers) {
    }

    @Schema(name = "FollowUpCounts")
    public record FollowUpCounts(@Schema(description = "Open, due later today", examples = "12") long dueToday,
                                 @Schema(description = "Open, past due", examples = "3") long overdue,
                                 @Schema(description = "Completed in the period", examples = "40") long completed,
                                 @Schema(description = "Completed in the period by their due time", examples = "35") long completedOnTime) {
    }

    @Schema(name = "AccountManagerScorecard")
    public record Scorecard(@Schema(examples = "zhang.min") String accountManager,
                            @Schema(description = "Follow-ups completed in the period", examples = "20") long followUpsDone,
                            @Schema(description = "Of which by their due time", examples = "18") long followUpsDoneOnTime,
                            @Schema(description = "Open follow-ups past due now", examples = "1") long followUpsOverdue,
                            @Schema(description = "Their customers by stage", examples = "{\"REPEAT_BUYER\": 12}") Map<String, Long> customersByStage,
                            @Schema(description = "Stage changes of their customers in the period", examples = "7") long stageMoves,
                            @Schema(description = "Complaints filed in the period by their customers (a merged duplicate's count for "
                                    + "the customer it was merged into)", examples = "4") long complaintsFiled,
                            @Schema(description = "Complaints of their customers resolved in the period (a complaint reopened and "
                                    + "resolved again counts once, at its latest resolution)", examples = "3") long complaintsResolved,
                            @Schema(description = "Median hours from filing to resolution of those resolved in the period; null when none",
                                    examples = "26.5") BigDecimal medianResolutionHours) {
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("figures over every customer and staff scorecards: a manager's view, not a partner's")
    @Operation(operationId = "getCustomerAnalytics", summary = "Customers by segment, tier and stage; value; follow-ups; scorecards",
            description = "Counts by segment, tier and stage; revenue share by tier; average lifetime value by segment; follow-ups "
                    + "due today and overdue; an account-manager scorecard (follow-ups done on time, customers by stage, stage moves "
                    + "in [from, to), and their customers' complaints filed and resolved in [from, to) with the median hours to "
                    + "resolve, from complaint-service's events). Default period: the last 12 months. Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerAnalytics.class)))
    @APIResponse(responseCode = "400", description = "from/to invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CustomerAnalytics get(@Parameter(description = "Start (inclusive)", example = "2026-01-01") @QueryParam("from") String from,
                                 @Parameter(description = "End (exclusive)", example = "2027-01-01") @QueryParam("to") String to) {
        Period p = Period.of(from, to, clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ZoneId zone = config.followUp().zone();
        OffsetDateTime endOfToday = LocalDate.ofInstant(now.toInstant(), zone).plusDays(1).atStartOfDay(zone).toOffsetDateTime();

        Map<String, Long> bySegment = counts("coalesce(segment, 'NONE')");
        Map<String, Long> byTier = counts("coalesce(value_tier, 'NONE')");
        Map<String, Long> byStage = counts("stage");
        long customers = byStage.values().stream().mapToLong(Long::longValue).sum();

        Map<String, BigDecimal> revenueByTier = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Object[] r : rows("select coalesce(value_tier, 'NONE'), coalesce(sum(revenue_12m), 0) from customer where merged_into is null group by 1")) {
            revenueByTier.put((String) r[0], (BigDecimal) r[1]);
            total = total.add((BigDecimal) r[1]);
        }
        Map<String, BigDecimal> share = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> e : revenueByTier.entrySet()) {
            share.put(e.getKey(), total.signum() == 0 ? BigDecimal.ZERO : e.getValue().divide(total, 4, RoundingMode.HALF_UP));
        }
        Map<String, BigDecimal> clv = new TreeMap<>();
        for (Object[] r : rows("select coalesce(segment, 'NONE'), avg(lifetime_value) from customer where merged_into is null group by 1")) {
            clv.put((String) r[0], ((BigDecimal) r[1]).setScale(2, RoundingMode.HALF_UP));
        }

        Object[] f = (Object[]) em.createNativeQuery("""
                        select count(*) filter (where status = 'OPEN' and due_at >= ?1 and due_at < ?2),
                               count(*) filter (where status = 'OPEN' and due_at < ?1),
                               count(*) filter (where status = 'DONE' and completed_at >= ?3 and completed_at < ?4),
                               count(*) filter (where status = 'DONE' and completed_at >= ?3 and completed_at < ?4 and completed_at <= due_at)
                        from follow_up""")
                .setParameter(1, now).setParameter(2, endOfToday).setParameter(3, p.from()).setParameter(4, p.to()).getSingleResult();
        FollowUpCounts followUps = new FollowUpCounts(n(f[0]), n(f[1]), n(f[2]), n(f[3]));

        Map<String, long[]> work = new TreeMap<>();
        for (Object[] r : rows("""
                select owner,
                       count(*) filter (where status = 'DONE' and completed_at >= ?1 and completed_at < ?2),
                       count(*) filter (where status = 'DONE' and completed_at >= ?1 and completed_at < ?2 and completed_at <= due_at),
                       count(*) filter (where status = 'OPEN' and due_at < ?3)
                from follow_up group by owner""", p.from(), p.to(), now)) {
            work.put((String) r[0], new long[]{n(r[1]), n(r[2]), n(r[3])});
        }
        Map<String, Map<String, Long>> stages = new TreeMap<>();
        for (Object[] r : rows("select account_manager, stage, count(*) from customer where merged_into is null and account_manager is not null group by 1, 2")) {
            stages.computeIfAbsent((String) r[0], k -> new TreeMap<>()).put((String) r[1], n(r[2]));
        }
        Map<String, Long> moves = new TreeMap<>();
        for (Object[] r : rows("""
                select c.account_manager, count(*) from customer_history h join customer c on c.id = h.customer_id
                where h.field = 'stage' and h.changed_at >= ?1 and h.changed_at < ?2 and c.account_manager is not null
                group by 1""", p.from(), p.to())) {
            moves.put((String) r[0], n(r[1]));
        }
        Map<String, ComplaintFigures.ManagerComplaints> complaints = complaintFigures.byAccountManager(p.from(), p.to());
        java.util.Set<String> managers = new java.util.TreeSet<>(stages.keySet());
        managers.addAll(work.keySet());
        managers.addAll(complaints.keySet());
        List<Scorecard> cards = managers.stream().map(m -> {
            long[] w = work.getOrDefault(m, new long[3]);
            ComplaintFigures.ManagerComplaints c = complaints.getOrDefault(m, ComplaintFigures.ManagerComplaints.none(m));
            return new Scorecard(m, w[0], w[1], w[2], stages.getOrDefault(m, Map.of()), moves.getOrDefault(m, 0L),
                    c.filed(), c.resolved(), c.medianResolutionHours());
        }).toList();
        return new CustomerAnalytics(p.from(), p.to(), customers, bySegment, byTier, byStage, share, clv, total,
                config.value().currency(), followUps, cards);
    }

    private Map<String, Long> counts(String expression) {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] r : rows("select " + expression + ", count(*) from customer where merged_into is null group by 1")) {
            out.put((String) r[0], n(r[1]));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getResultList();
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
