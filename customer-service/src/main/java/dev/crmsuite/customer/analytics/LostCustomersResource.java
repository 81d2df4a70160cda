package dev.crmsuite.customer.analytics;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.lifecycle.ExitSurveyFigures;
import dev.crmsuite.customer.lifecycle.LostReason;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
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

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1/analytics/lost-customers")
@Tag(name = "Analytics", description = "What a manager must see")
@Produces(MediaType.APPLICATION_JSON)
public class LostCustomersResource {

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;
    @Inject
    ExitSurveyFigures exitSurveys;

    @Schema(name = "LostCustomers", description = "Customers marked LOST in the period, by reason")
    public record LostCustomers(OffsetDateTime from, OffsetDateTime to, @Schema(examples = "12") long total,
                                @Schema(description = "Count per reason code (every code present, 0 when none)",
                                        examples = "{\"PRICE\": 5, \"QUALITY\": 1, \"SERVICE\": 3, \"COMPETITOR\": 2, \"MOVED\": 1, \"OTHER\": 0}")
                                Map<LostReason, Long> byReason,
                                @Schema(description = "Of which marked by the recency rule rather than by staff", examples = "4") long byRule,
                                List<Example> latest,
                                @Schema(description = "What the customers lost in the period said themselves in the exit survey, beside "
                                        + "the reason codes staff recorded") ExitSurveyFigures.Answers exitSurvey) {
    }


    @Schema(name = "LostCustomerExample")
    public record Example(String customerId, LostReason reasonCode, String reasonText, OffsetDateTime lostAt) {
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getLostCustomers", summary = "Lost customers and their reasons",
            description = "Counts every time a customer was marked LOST in [from, to) by reason code, with the latest reasons in "
                    + "words, and beside them what the lost customers answered in the exit survey (reasons chosen, how many "
                    + "answered): the texts insist lost customers be analysed to learn what to improve. Default: the last 12 months. "
                    + "A partner's counts and examples cover only customers who consented to partner sharing.")
    @APIResponse(responseCode = "200", description = "Counts by reason", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LostCustomers.class)))
    @APIResponse(responseCode = "400", description = "from/to invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LostCustomers lost(@Parameter(description = "Start (inclusive)", example = "2026-01-01") @QueryParam("from") String from,
                              @Parameter(description = "End (exclusive)", example = "2027-01-01") @QueryParam("to") String to) {
        Period p = Period.of(from, to, clock);
        // A partner's figures are over the customers it may see, filtered in the query like any list.
        String partnerFilter = visibility.partnerCalling() ? " and " + PartnerVisibility.visibleIdSql("l.customer_id") : "";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select reason_code, count(*), count(*) filter (where actor = 'system') from customer_loss l
                        where lost_at >= ?1 and lost_at < ?2""" + partnerFilter + " group by reason_code")
                .setParameter(1, p.from()).setParameter(2, p.to()).getResultList();
        Map<LostReason, Long> byReason = new LinkedHashMap<>();
        for (LostReason r : LostReason.values()) {
            byReason.put(r, 0L);
        }
        long total = 0;
        long byRule = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[1]).longValue();
            byReason.put(LostReason.valueOf((String) r[0]), n);
            total += n;
            byRule += ((Number) r[2]).longValue();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> latest = em.createNativeQuery("""
                        select cast(customer_id as text), reason_code, reason_text, lost_at from customer_loss l
                        where lost_at >= ?1 and lost_at < ?2""" + partnerFilter + " order by lost_at desc limit 20")
                .setParameter(1, p.from()).setParameter(2, p.to()).getResultList();
        return new LostCustomers(p.from(), p.to(), total, byReason, byRule, latest.stream()
                .map(r -> new Example((String) r[0], LostReason.valueOf((String) r[1]), (String) r[2],
                        SqlTimes.utc(r[3]))).toList(), exitSurveys.of(p.from(), p.to(), visibility.partnerCalling()));
    }
}
