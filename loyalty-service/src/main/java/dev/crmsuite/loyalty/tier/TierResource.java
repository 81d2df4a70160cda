package dev.crmsuite.loyalty.tier;

import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.earning.RuleSets;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1/loyalty/tiers")
@Tag(name = "Tiers", description = "Club levels and what it takes to reach them")
@Produces(MediaType.APPLICATION_JSON)
public class TierResource {

    @Inject
    TierPolicy policy;
    @Inject
    RuleSets ruleSets;
    @Inject
    LoyaltyConfig config;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;

    @Schema(name = "TierLevel", description = "One tier")
    public record TierLevel(@Schema(examples = "GOLD") Tier tier,
                            @Schema(description = "Qualifying points needed within the window", examples = "5000") long qualifyingPoints,
                            @Schema(description = "Earning multiplier under the rules in force", examples = "1.5") BigDecimal earnMultiplier,
                            @Schema(description = "Active members holding it now (for a partner: those who share their data with partners)",
                                    examples = "42") long members) {
    }

    @Schema(name = "Tiers", description = "The tier ladder and its periods")
    public record Tiers(List<TierLevel> tiers,
                        @Schema(description = "Rolling window of qualifying points, in months", examples = "12") int windowMonths,
                        @Schema(description = "Length of a tier period; downgrades only at its end", examples = "12") int reviewMonths) {
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Transactional
    @Operation(operationId = "listTiers", summary = "List tiers",
            description = "MEMBER, SILVER, GOLD, PLATINUM with their qualifying points, earning multipliers and member counts. "
                    + "Upgrades apply as soon as a member qualifies; downgrades at the end of the tier period. A partner's "
                    + "member counts include only customers who share their data with partners.")
    @APIResponse(responseCode = "200", description = "The tiers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tiers.class)))
    public Tiers list() {
        Map<Tier, Long> thresholds = policy.evaluator().thresholds();
        var rules = ruleSets.inForceAt(OffsetDateTime.now(clock)).rules();
        Map<String, Long> members = new HashMap<>();
        @SuppressWarnings("unchecked")
        // Counts over every member are an aggregate: a partner's count only those it may see.
        List<Object[]> rows = em.createNativeQuery("select a.tier, count(*) from loyalty_account a where a.status = 'ACTIVE' and "
                        + visibility.visibleSql("a.customer_id") + " group by a.tier")
                .getResultList();
        rows.forEach(r -> members.put((String) r[0], ((Number) r[1]).longValue()));
        List<TierLevel> levels = Arrays.stream(Tier.values())
                .map(t -> new TierLevel(t, thresholds.getOrDefault(t, 0L), rules.multiplierFor(t), members.getOrDefault(t.name(), 0L)))
                .toList();
        return new Tiers(levels, config.tiers().windowMonths(), config.tiers().reviewMonths());
    }
}
