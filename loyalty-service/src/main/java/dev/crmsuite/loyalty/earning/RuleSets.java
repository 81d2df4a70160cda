package dev.crmsuite.loyalty.earning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.platform.inbox.PerTransaction;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    PerTransaction perTransaction;
    @Inject
    LoyaltyConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    public record InForce(int version, RuleDefinition rules) {
    }

    /**
     * The version in force at {@code at}: the latest one whose effective date is not after it. A
     * batch of purchases applied in one transaction reads it once per span of time a version is in
     * force (usually once for the batch, not once per purchase): the statement also returns when the
     * next version takes over. Versions are never changed retroactively, and the spans are kept for
     * this transaction only.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public InForce inForceAt(OffsetDateTime at) {
        List<Span> spans = spansRead();
        for (Span span : spans) {
            if (span.covers(at)) {
                return span.rules();
            }
        }
        em.flush(); // a version published in this transaction counts (plain JDBC does not flush as a query would)
        List<Span> found = JdbcStatement.of("""
                        select r.version, r.definition, r.effective_from,
                               (select min(n.effective_from) from earning_rule_set n where n.effective_from > r.effective_from)
                        from earning_rule_set r where r.effective_from <= ?1
                        order by r.effective_from desc, r.version desc limit 1""", List.of(at))
                .list(em, row -> new Span(row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class),
                        new InForce(row.getInt(1), read(row.getString(2)))));
        if (found.isEmpty()) {
            ensureInitial();
            return new InForce(1, fromConfig());
        }
        spans.add(found.getFirst());
        return found.getFirst().rules();
    }

    /** The spans {@link #inForceAt} read in this transaction (a new list for each transaction). */
    private List<Span> spansRead() {
        return perTransaction.remember(RuleSets.class.getName() + ".spans", ArrayList::new);
    }

    /** A version and when it is in force: from its effective date until the next version's (null: still). */
    private record Span(OffsetDateTime from, OffsetDateTime until, InForce rules) {
        boolean covers(OffsetDateTime at) {
            return !at.isBefore(from) && (until == null || at.isBefore(until));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RuleSetVersion publish(RuleDefinition rules, OffsetDateTime effectiveFrom, String note) {
        // A table lock serialises publishers so version numbers never collide. Taken first: after
        // ensureInitial's insert each publisher held the table's row-exclusive lock, and publishers at
        // once then deadlocked upgrading it.
        em.createNativeQuery("lock table earning_rule_set in share row exclusive mode").executeUpdate();
        ensureInitial();
        spansRead().clear(); // what this transaction read before is no longer the whole story
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
