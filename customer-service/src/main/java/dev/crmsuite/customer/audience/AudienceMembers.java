package dev.crmsuite.customer.audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Who an audience holds now: its saved filter evaluated in SQL at the moment of asking (a campaign
 * run, a preview), never a frozen list. Partner-agnostic: only staff-only operations use it, so no
 * partner visibility applies; merged-away and erased customers are never members.
 */
@ApplicationScoped
public class AudienceMembers {

    /** Largest page one call may ask for (a run walks the audience page by page). */
    static final int MAX_PAGE = 10_000;

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public AudienceMembers(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** A customer as the audience preview shows them. */
    public record PreviewRow(UUID id, String displayName, String segment, String valueTier, String stage, String loyaltyTier) {
    }

    /**
     * Customers matching the audience's saved filter now, ordered by customerId, strictly after
     * {@code after} (null: from the start), at most {@code limit}. Never merged-away or erased
     * customers. Unknown/deleted audience: ProblemException 404.
     */
    @Transactional
    public List<AudienceMember> page(UUID audienceId, UUID after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        }
        AudienceCondition condition = AudienceCondition.of(filterOf(audienceId), OffsetDateTime.now(clock));
        List<Object> params = new java.util.ArrayList<>(condition.params());
        String afterClause = "";
        if (after != null) {
            params.add(after);
            afterClause = " and c.id > ?" + params.size();
        }
        Query query = em.createNativeQuery("""
                select c.id as id, c.display_name as name, c.email as email, c.phone as phone, cast(c.address as text) as address,
                       c.consent_marketing as consent, c.time_zone as zone, c.segment as segment, c.value_tier as tier
                from customer c
                where %s%s
                order by c.id limit %d""".formatted(condition.sql(), afterClause, limit), Tuple.class);
        bind(query, params);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(t -> new AudienceMember(t.get("id", UUID.class), t.get("name", String.class),
                t.get("email", String.class), t.get("phone", String.class), address(t.get("address", String.class)),
                Boolean.TRUE.equals(t.get("consent")), t.get("zone", String.class), t.get("segment", String.class),
                t.get("tier", String.class))).toList();
    }

    /** How many customers the audience holds now. Unknown/deleted audience: ProblemException 404. */
    @Transactional
    public long count(UUID audienceId) {
        return count(filterOf(audienceId));
    }

    /** How many customers {@code filter} (validated) holds now. */
    @Transactional
    long count(AudienceFilter filter) {
        AudienceCondition condition = AudienceCondition.of(filter, OffsetDateTime.now(clock));
        Query query = em.createNativeQuery("select count(*) from customer c where " + condition.sql());
        bind(query, condition.params());
        return ((Number) query.getSingleResult()).longValue();
    }

    /** The first {@code limit} customers {@code filter} (validated) holds now, by id, as the preview shows them. */
    @Transactional
    List<PreviewRow> preview(AudienceFilter filter, int limit) {
        AudienceCondition condition = AudienceCondition.of(filter, OffsetDateTime.now(clock));
        Query query = em.createNativeQuery("""
                select c.id as id, c.display_name as name, c.segment as segment, c.value_tier as tier, c.stage as stage,
                       c.loyalty_tier as loyalty
                from customer c where %s
                order by c.id limit %d""".formatted(condition.sql(), limit), Tuple.class);
        bind(query, condition.params());
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(t -> new PreviewRow(t.get("id", UUID.class), t.get("name", String.class),
                t.get("segment", String.class), t.get("tier", String.class), t.get("stage", String.class),
                t.get("loyalty", String.class))).toList();
    }

    /** The saved filter of a live audience; 404 when there is none. */
    AudienceFilter filterOf(UUID audienceId) {
        @SuppressWarnings("unchecked")
        List<String> filters = em.createNativeQuery("select cast(filter as text) from audience where id = ?1 and deleted_at is null")
                .setParameter(1, audienceId).getResultList();
        if (filters.isEmpty()) {
            throw ProblemException.notFound("audience", audienceId);
        }
        try {
            return json.readValue(filters.getFirst(), AudienceFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audience " + audienceId + " has a filter this version cannot read", e);
        }
    }

    private JsonNode address(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node == null || node.isNull() ? null : node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable address", e);
        }
    }

    private static void bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
    }
}
