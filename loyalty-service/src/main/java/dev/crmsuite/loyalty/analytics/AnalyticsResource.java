package dev.crmsuite.loyalty.analytics;

import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.platform.money.InstallationCurrency;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.sql.JdbcStatement;
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
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    @Inject
    LedgerDayFlows dayFlows;

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

        // One pass over the accounts for the liability and the members per tier; PostgreSQL sums bigints as
        // numeric, read exactly, so a sum that left a long would fail loudly rather than wrap (PointsLimits
        // bounds every balance so that it cannot).
        Map<Tier, Long> perTier = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            perTier.put(tier, 0L);
        }
        List<TierAccounts> accounts = JdbcStatement.of("""
                        select tier, count(*), coalesce(sum(balance) filter (where balance > 0), 0),
                               count(*) filter (where balance < 0), coalesce(sum(balance) filter (where balance < 0), 0)
                        from loyalty_account where status = 'ACTIVE' group by tier""", List.of())
                .list(em, row -> new TierAccounts(Tier.valueOf(row.getString(1)), row.getLong(2),
                        row.getBigDecimal(3).longValueExact(), row.getLong(4), row.getBigDecimal(5).longValueExact()));
        long members = 0, points = 0, negativeAccounts = 0, negativePoints = 0;
        for (TierAccounts t : accounts) {
            perTier.put(t.tier(), t.members());
            members = Math.addExact(members, t.members());
            points = Math.addExact(points, t.positivePoints());
            negativeAccounts = Math.addExact(negativeAccounts, t.negativeAccounts());
            negativePoints = Math.addExact(negativePoints, t.negativePoints());
        }
        Liability owed = new Liability(points,
                config.redemption().cashValuePerPoint().multiply(BigDecimal.valueOf(points)).setScale(2, RoundingMode.HALF_UP),
                currency.code(), negativeAccounts, negativePoints);

        List<Flow> flows = new ArrayList<>();
        LedgerDayFlows.Sums total = LedgerDayFlows.Sums.NONE;
        String truncation = unit.name().toLowerCase(Locale.ROOT);
        for (Map.Entry<LocalDateTime, LedgerDayFlows.Sums> inPeriod : dayFlows.perPeriod(from, to, truncation).entrySet()) {
            LedgerDayFlows.Sums sums = inPeriod.getValue();
            flows.add(flow(inPeriod.getKey().atOffset(ZoneOffset.UTC), sums));
            total = total.plus(sums);
        }
        long earned = total.earned();
        long redeemed = total.redeemed();
        // Read from the index of redemptions alone (ledger_entry_redeemers).
        long redeemers = JdbcStatement.of("""
                        select count(distinct customer_id) from ledger_entry
                        where kind = 'REDEEM' and created_at >= ?1 and created_at < ?2""", List.of(from, to))
                .list(em, row -> row.getLong(1)).getFirst();
        BigDecimal rate = earned == 0 ? null
                : BigDecimal.valueOf(redeemed).divide(BigDecimal.valueOf(earned), 4, RoundingMode.HALF_UP);
        BigDecimal memberRate = members == 0 ? null
                : BigDecimal.valueOf(redeemers).divide(BigDecimal.valueOf(members), 4, RoundingMode.HALF_UP);
        return new Analytics(from, to, unit, owed, perTier, members, flows, flow(null, total), rate, memberRate);
    }

    /** The accounts of one tier: how many, what they hold and what those below zero owe. */
    private record TierAccounts(Tier tier, long members, long positivePoints, long negativeAccounts, long negativePoints) {
    }

    private static Flow flow(OffsetDateTime periodStart, LedgerDayFlows.Sums s) {
        return new Flow(periodStart, s.earned(), s.redeemed(), s.expired(), s.reversed(), s.adjusted());
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
}
