package dev.crmsuite.loyalty.analytics;

import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.platform.money.InstallationCurrency;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1/loyalty/analytics")
@Tag(name = "Loyalty analytics", description = "What the programme owes and how points flow")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    EntityManager em;
    @Inject
    LoyaltyConfig config;
    @Inject
    Clock clock;
    @Inject
    InstallationCurrency currency;

    public enum Period { DAY, WEEK, MONTH }

    @Schema(name = "PointsFlow", description = "Points moved in one period (all as positive numbers)")
    public record Flow(@Schema(description = "Start of the period (UTC)") OffsetDateTime periodStart,
                       @Schema(description = "EARN + BONUS + GOODWILL", examples = "15200") long earned,
                       @Schema(examples = "8400") long redeemed,
                       @Schema(examples = "600") long expired,
                       @Schema(description = "Clawed back on refunds", examples = "300") long reversed,
                       @Schema(description = "Net of manual ADJUST entries (signed)", examples = "-50") long adjusted) {
    }

    @Schema(name = "Liability", description = "Points outstanding and what they are worth if all were redeemed as discounts")
    public record Liability(@Schema(examples = "1250000") long points, @Schema(examples = "12500.00") BigDecimal value,
                            @Schema(description = "The installation currency (crm.currency, ISO 4217)", examples = "CNY") String currency,
                            @Schema(description = "Accounts a clawback left below zero", examples = "3") long negativeAccounts,
                            @Schema(description = "Points those accounts owe", examples = "-420") long negativePoints) {
    }

    @Schema(name = "LoyaltyAnalytics", description = "Liability, points flow per period, members per tier and redemption rate")
    public record Analytics(OffsetDateTime from, OffsetDateTime to, Period period, Liability liability,
                            @Schema(description = "Active members per tier") Map<Tier, Long> membersPerTier,
                            @Schema(examples = "5230") long members,
                            List<Flow> periods, Flow total,
                            @Schema(description = "Points redeemed / points earned in the range; absent when nothing was earned", examples = "0.55")
                            BigDecimal redemptionRate,
                            @Schema(description = "Share of active members who redeemed in the range", examples = "0.18")
                            BigDecimal memberRedemptionRate) {
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @StaffOnly("the programme's liability and flows are aggregates over every customer")
    @Transactional
    @Operation(operationId = "getLoyaltyAnalytics", summary = "Loyalty programme analytics",
            description = "Liability (points outstanding and their discount value), points earned/redeemed/expired per period "
                    + "in [from, to), members per tier and the redemption rate. Defaults to the last crm.loyalty.analytics.default-months months, by month. "
                    + "Staff only (aggregates over every customer): partners get 403.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Analytics.class)))
    @APIResponse(responseCode = "400", description = "Bad from, to or period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Analytics get(@Parameter(description = "Start (inclusive), ISO 8601", example = "2026-01-01T00:00:00Z") @QueryParam("from") String fromParam,
                         @Parameter(description = "End (exclusive), ISO 8601", example = "2027-01-01T00:00:00Z") @QueryParam("to") String toParam,
                         @Parameter(description = "DAY, WEEK or MONTH", example = "MONTH") @QueryParam("period") String period) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime to = parse(toParam, "to", now);
        OffsetDateTime from = parse(fromParam, "from", to.minusMonths(config.analytics().defaultMonths()));
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        Period unit = parsePeriod(period);

        Object[] liability = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(balance) filter (where balance > 0), 0),
                               count(*) filter (where balance < 0),
                               coalesce(sum(balance) filter (where balance < 0), 0)
                        from loyalty_account where status = 'ACTIVE'""").getSingleResult();
        // PostgreSQL sums bigints as numeric; reading them exactly means a sum that left a long would fail
        // loudly rather than wrap (PointsLimits bounds every balance so that it cannot).
        long points = num(liability[0]);
        Liability owed = new Liability(points,
                config.redemption().cashValuePerPoint().multiply(BigDecimal.valueOf(points)).setScale(2, RoundingMode.HALF_UP),
                currency.code(), num(liability[1]), num(liability[2]));

        Map<Tier, Long> perTier = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            perTier.put(tier, 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> tiers = em.createNativeQuery("select tier, count(*) from loyalty_account where status = 'ACTIVE' group by tier")
                .getResultList();
        long members = 0;
        for (Object[] row : tiers) {
            long count = ((Number) row[1]).longValue();
            perTier.put(Tier.valueOf((String) row[0]), count);
            members += count;
        }

        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select date_trunc(?3, created_at at time zone 'UTC') as period_start,
                               coalesce(sum(points) filter (where kind in ('EARN', 'BONUS', 'GOODWILL')), 0),
                               coalesce(-sum(points) filter (where kind = 'REDEEM'), 0),
                               coalesce(-sum(points) filter (where kind = 'EXPIRE'), 0),
                               coalesce(-sum(points) filter (where kind = 'REVERSAL'), 0),
                               coalesce(sum(points) filter (where kind = 'ADJUST'), 0)
                        from ledger_entry where created_at >= ?1 and created_at < ?2
                        group by 1 order by 1""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, unit.name().toLowerCase())
                .getResultList();
        List<Flow> flows = new ArrayList<>();
        long earned = 0, redeemed = 0, expired = 0, reversed = 0, adjusted = 0;
        for (Object[] row : rows) {
            Flow flow = new Flow(toUtc(row[0]), num(row[1]), num(row[2]), num(row[3]), num(row[4]), num(row[5]));
            flows.add(flow);
            earned += flow.earned();
            redeemed += flow.redeemed();
            expired += flow.expired();
            reversed += flow.reversed();
            adjusted += flow.adjusted();
        }
        Number redeemers = (Number) em.createNativeQuery("""
                        select count(distinct customer_id) from ledger_entry
                        where kind = 'REDEEM' and created_at >= ?1 and created_at < ?2""")
                .setParameter(1, from).setParameter(2, to).getSingleResult();
        BigDecimal rate = earned == 0 ? null
                : BigDecimal.valueOf(redeemed).divide(BigDecimal.valueOf(earned), 4, RoundingMode.HALF_UP);
        BigDecimal memberRate = members == 0 ? null
                : BigDecimal.valueOf(redeemers.longValue()).divide(BigDecimal.valueOf(members), 4, RoundingMode.HALF_UP);
        return new Analytics(from, to, unit, owed, perTier, members, flows,
                new Flow(null, earned, redeemed, expired, reversed, adjusted), rate, memberRate);
    }

    private static OffsetDateTime parse(String value, String field, OffsetDateTime fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date-time in ISO 8601 format");
        }
    }

    private static Period parsePeriod(String value) {
        if (value == null || value.isBlank()) {
            return Period.MONTH;
        }
        try {
            return Period.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("period", "must be one of " + java.util.List.of(Period.values()));
        }
    }

    private static long num(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (value instanceof java.math.BigInteger integer) {
            return integer.longValueExact();
        }
        return ((Number) value).longValue();
    }

    private static OffsetDateTime toUtc(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
