package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.earning.RuleViews.BacktestReport;
import dev.crmsuite.loyalty.earning.RuleViews.BacktestRequest;
import dev.crmsuite.loyalty.earning.RuleViews.NewRuleSet;
import dev.crmsuite.loyalty.earning.RuleViews.RuleSetView;
import dev.crmsuite.loyalty.earning.RuleViews.SimulationRequest;
import dev.crmsuite.loyalty.earning.RuleViews.SimulationResult;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

@Path("/api/v1/loyalty/rules")
@Tag(name = "Earning rules", description = "Versioned rules that turn purchases into points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    @Inject
    RuleSets ruleSets;
    @Inject
    Backtest backtest;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Transactional
    @Operation(operationId = "listRuleSets", summary = "List earning rule versions",
            description = "Every version, newest first, keyset paginated like every list of the suite: {items, nextCursor}; "
                    + "pass nextCursor as cursor for the next page (null on the last). inForce marks the one that prices purchases now.")
    @APIResponse(responseCode = "200", description = "A page of versions")
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RuleSetView> list(@Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 1);
        int before;
        try {
            before = after == null ? Integer.MAX_VALUE : Integer.parseInt(after.get(0));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
        int current = ruleSets.inForceAt(now()).version();
        return Page.of(ruleSets.before(before, size + 1), size, v -> Cursor.of(v.version), v -> view(v, current));
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/{version}")
    @Transactional
    @Operation(operationId = "getRuleSet", summary = "Read one earning rule version", description = "One version of the rules.")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleSetView.class)))
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RuleSetView get(@PathParam("version") int version) {
        int current = ruleSets.inForceAt(now()).version();
        return ruleSets.all().stream().filter(v -> v.version == version).findFirst().map(v -> view(v, current))
                .orElseThrow(() -> ProblemException.notFound("rule set version", version));
    }

    @POST
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("earning rules price every purchase: configuration of the programme")
    @Transactional
    @Operation(operationId = "publishRuleSet", summary = "Publish a new earning rule version",
            description = "Adds a version that takes over at effectiveFrom (now when absent). Versions are never edited, so "
                    + "every EARN entry can name the rules that produced it. Try a draft with /rules/simulate and "
                    + "/rules/backtest first. Configuration of the programme: admin only.")
    @APIResponse(responseCode = "201", description = "Published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleSetView.class)))
    @APIResponse(responseCode = "400", description = "Invalid rules; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@Valid @NotNull NewRuleSet request) {
        validate(request.rules(), "rules");
        RuleSetVersion version = ruleSets.publish(request.rules(), request.effectiveFrom(), request.note());
        int current = ruleSets.inForceAt(now()).version();
        return Response.created(URI.create("/api/v1/loyalty/rules/" + version.version)).entity(view(version, current)).build();
    }

    @POST
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/simulate")
    @Transactional
    @Operation(operationId = "simulateEarning", summary = "Simulate the points of a purchase",
            description = "Prices a purchase under the rules in force (or under draft rules sent along) without writing anything. "
                    + "Writes nothing, so it needs only loyalty:read.")
    @APIResponse(responseCode = "200", description = "The points it would earn",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "customerId names no account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SimulationResult simulate(@Valid @NotNull SimulationRequest request) {
        OffsetDateTime at = request.purchasedAt() == null ? now() : request.purchasedAt();
        Tier tier = request.tier();
        if (tier == null && request.customerId() != null) {
            // A customer named in the body: hidden from a partner reads exactly as no account.
            LoyaltyAccount account = visibility.hidden(request.customerId()) ? null : LoyaltyAccount.findById(request.customerId());
            if (account == null) {
                throw PartnerVisibility.unknownAccount(request.customerId());
            }
            tier = account.tier;
        }
        if (tier == null) {
            tier = Tier.MEMBER;
        }
        Integer version = null;
        RuleDefinition rules = request.rules();
        if (rules == null) {
            RuleSets.InForce inForce = ruleSets.inForceAt(at);
            rules = inForce.rules();
            version = inForce.version();
        } else {
            validate(rules, "rules");
        }
        PointsCalculator.Result result = PointsCalculator.calculate(rules,
                new PointsCalculator.Purchase(request.amount(), at, tier, request.segment()));
        return new SimulationResult(result.points(), result.basePoints(), tier, result.tierMultiplier(),
                result.campaignMultiplier(), result.campaigns(), result.belowMinimum(), version);
    }

    @POST
    @RolesAllowed(Scopes.LOYALTY_READ)
    @StaffOnly("runs over every customer's purchases: an aggregate over all customers")
    @Path("/backtest")
    @Transactional
    @Operation(operationId = "backtestRules", summary = "Backtest draft rules over past purchases",
            description = "Runs the draft over the purchases kept from crm.purchase.recorded.v1 in [from, to) and reports, per "
                    + "tier at purchase and in total, the points it would have issued next to what the rules in force gave. "
                    + "Writes nothing. Refunds are not netted out. Staff only (it aggregates over every customer): partners get 403.")
    @APIResponse(responseCode = "200", description = "The comparison",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BacktestReport.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BacktestReport backtest(@Valid @NotNull BacktestRequest request) {
        if (!request.to().isAfter(request.from())) {
            throw ProblemException.invalid("to", "must be after from");
        }
        validate(request.draft(), "draft");
        return backtest.run(request.from(), request.to(), request.draft());
    }

    private static void validate(RuleDefinition rules, String field) {
        for (int i = 0; i < rules.campaigns().size(); i++) {
            Campaign c = rules.campaigns().get(i);
            if (c.endsOn().isBefore(c.startsOn())) {
                throw ProblemException.invalid(field + ".campaigns[" + i + "].endsOn", "must not be before startsOn");
            }
        }
    }

    private RuleSetView view(RuleSetVersion v, int current) {
        return new RuleSetView(v.version, v.effectiveFrom, v.note, v.createdAt, ruleSets.read(v.definition), v.version == current);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
