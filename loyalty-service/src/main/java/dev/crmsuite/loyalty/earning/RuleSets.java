package dev.crmsuite.loyalty.earning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The versions of the earning rules. Version 1 comes from configuration ({@code crm.loyalty.earning.*})
 * and is in force from the beginning of time until a later version takes over.
 */
@ApplicationScoped
public class RuleSets {

    @Inject
    EntityManager em;
    @Inject
    LoyaltyConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    public record InForce(int version, RuleDefinition rules) {
    }

    /** The version in force at {@code at}: the latest one whose effective date is not after it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public InForce inForceAt(OffsetDateTime at) {
        List<RuleSetVersion> found = em.createQuery(
                        "from RuleSetVersion where effectiveFrom <= ?1 order by effectiveFrom desc, version desc", RuleSetVersion.class)
                .setParameter(1, at).setMaxResults(1).getResultList();
        if (found.isEmpty()) {
            ensureInitial();
            return new InForce(1, fromConfig());
        }
        return new InForce(found.getFirst().version, read(found.getFirst().definition));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RuleSetVersion publish(RuleDefinition rules, OffsetDateTime effectiveFrom, String note) {
        ensureInitial();
        // A table lock serialises publishers so version numbers never collide.
        em.createNativeQuery("lock table earning_rule_set in share row exclusive mode").executeUpdate();
        Number max = (Number) em.createQuery("select max(version) from RuleSetVersion").getSingleResult();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        RuleSetVersion version = new RuleSetVersion();
        version.version = max.intValue() + 1;
        version.effectiveFrom = effectiveFrom == null ? now : effectiveFrom.withOffsetSameInstant(ZoneOffset.UTC);
        if (version.effectiveFrom.isBefore(now.minusMinutes(1))) {
            throw ProblemException.invalid("effectiveFrom", "must not be in the past: rules are never changed retroactively");
        }
        version.definition = write(rules);
        version.note = note;
        version.createdAt = now;
        version.persist();
        return version;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<RuleSetVersion> all() {
        ensureInitial();
        return em.createQuery("from RuleSetVersion order by version desc", RuleSetVersion.class).getResultList();
    }

    /** Up to {@code max} versions older than {@code version}, newest first (a keyset page of the list). */
    public List<RuleSetVersion> before(int version, int max) {
        ensureInitial();
        return em.createQuery("from RuleSetVersion where version < :v order by version desc", RuleSetVersion.class)
                .setParameter("v", version).setMaxResults(max).getResultList();
    }

    public RuleDefinition read(String definition) {
        try {
            return json.readValue(definition, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule set is not readable", e);
        }
    }

    private String write(RuleDefinition rules) {
        try {
            return json.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ensureInitial() {
        em.createNativeQuery("""
                        insert into earning_rule_set (version, effective_from, definition, note, created_at)
                        values (1, timestamptz '1970-01-01T00:00:00Z', ?1, 'initial rules from crm.loyalty.earning.*', now()) on conflict do nothing""")
                .setParameter(1, write(fromConfig())).executeUpdate();
    }

    RuleDefinition fromConfig() {
        Map<Tier, java.math.BigDecimal> multipliers = new EnumMap<>(Tier.class);
        config.earning().tierMultipliers().forEach((tier, m) -> multipliers.put(Tier.valueOf(tier), m));
        return new RuleDefinition(config.earning().pointsPerUnit(), config.earning().minimumPurchase(), multipliers, List.of(),
                null); // version 1 has no EVENT_ATTENDANCE rule: attending earns only once an admin publishes one
    }
}
