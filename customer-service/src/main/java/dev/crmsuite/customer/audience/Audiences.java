package dev.crmsuite.customer.audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.customer.customer.MergePatch;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.TimeAndId;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Saving, changing and deleting audiences. A name is unique among live audiences, case-insensitively;
 * an audience that a campaign still going out (draft, scheduled, sending) uses cannot be deleted.
 */
@ApplicationScoped
public class Audiences {

    /** Campaign statuses that will still evaluate their audience. */
    static final List<String> UNFINISHED = List.of("DRAFT", "SCHEDULED", "SENDING");

    private final EntityManager em;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;
    private final Callers callers;
    private final AudienceMembers members;

    public Audiences(EntityManager em, ObjectMapper json, Validator validator, Clock clock, Callers callers, AudienceMembers members) {
        this.em = em;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
        this.callers = callers;
        this.members = members;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Audience create(AudienceModels.NewAudience in) {
        AudienceFilter filter = AudienceFilter.validated(in.filter(), "filter");
        String name = in.name().trim();
        claimName(name, null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Audience a = new Audience();
        a.id = UUID.randomUUID();
        a.name = name;
        a.description = blankToNull(in.description());
        a.filter = write(filter);
        a.createdBy = callers.actor();
        a.createdAt = now;
        a.updatedAt = now;
        a.persist();
        em.flush();
        return a;
    }

    /** A live audience; 404 when unknown or deleted. */
    public Audience require(UUID id) {
        Audience a = em.find(Audience.class, id);
        if (a == null || a.deletedAt != null) {
            throw ProblemException.notFound("audience", id);
        }
        return a;
    }

    private Audience lock(UUID id) {
        Audience a = em.find(Audience.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || a.deletedAt != null) {
            throw ProblemException.notFound("audience", id);
        }
        return a;
    }

    /** Live audiences, newest first. */
    public Page<AudienceModels.AudienceView> list(String cursor, int limit) {
        TimeAndId after = TimeAndId.decode(cursor);
        String keyset = after == null ? "" : " and (created_at, id) < (?1, ?2)";
        var query = em.createNativeQuery("select * from audience where deleted_at is null" + keyset
                + " order by created_at desc, id desc limit " + (limit + 1), Audience.class);
        if (after != null) {
            query.setParameter(1, after.at()).setParameter(2, after.id());
        }
        @SuppressWarnings("unchecked")
        List<Audience> rows = query.getResultList();
        return Page.of(rows, limit, a -> Cursor.of(a.createdAt, a.id), this::view);
    }

    /** Applies a JSON Merge Patch to name, description and filter (objects of the filter merge, lists are replaced). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Audience patch(UUID id, String ifMatch, String body) throws JsonProcessingException {
        Audience a = lock(id);
        Versions.requireMatch(ifMatch, a.version);
        JsonNode patch;
        try {
            patch = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object (a JSON Merge Patch)");
        }
        JsonNode current = json.valueToTree(new AudienceModels.NewAudience(a.name, a.description, read(a.filter)));
        // Unknown or mistyped members surface as Jackson errors: the platform maps them to 400 naming the field.
        AudienceModels.NewAudience merged = json.treeToValue(MergePatch.apply(current, patch), AudienceModels.NewAudience.class);
        Set<ConstraintViolation<AudienceModels.NewAudience>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        AudienceFilter filter = AudienceFilter.validated(merged.filter(), "filter");
        String name = merged.name().trim();
        String description = blankToNull(merged.description());
        if (name.equals(a.name) && java.util.Objects.equals(description, a.description) && filter.equals(read(a.filter))) {
            return a;
        }
        if (!name.equalsIgnoreCase(a.name)) {
            claimName(name, a.id);
        }
        a.name = name;
        a.description = description;
        a.filter = write(filter);
        a.updatedAt = OffsetDateTime.now(clock);
        em.flush();
        return a;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(UUID id, String ifMatch) {
        Audience a = lock(id);
        Versions.requireMatch(ifMatch, a.version);
        @SuppressWarnings("unchecked")
        List<UUID> using = em.createNativeQuery("""
                        select id from campaign where audience_id = ?1 and status in ('DRAFT', 'SCHEDULED', 'SENDING')
                        order by created_at, id limit 10""")
                .setParameter(1, a.id).getResultList();
        if (!using.isEmpty()) {
            throw ProblemException.conflict("audience-in-use", "audience " + id + " is used by " + using.size()
                            + (using.size() == 10 ? " or more" : "") + " campaign(s) not sent or cancelled yet; cancel them or point them "
                            + "at another audience first").with("campaignIds", using);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        a.deletedAt = now;
        a.updatedAt = now;
        em.flush();
    }

    public AudienceModels.Preview preview(UUID id, int limit) {
        AudienceFilter filter = read(require(id).filter);
        List<AudienceModels.PreviewMember> first = members.preview(filter, limit).stream()
                .map(r -> new AudienceModels.PreviewMember(r.id(), r.displayName(), r.segment(), r.valueTier(), r.stage(), r.loyaltyTier()))
                .toList();
        return new AudienceModels.Preview(members.count(filter), first);
    }

    public AudienceModels.AudienceView view(Audience a) {
        return new AudienceModels.AudienceView(a.id, a.name, a.description, read(a.filter), a.createdBy, a.createdAt, a.updatedAt, a.version);
    }

    /**
     * Refuses a name a live audience already has (409 naming it). Name changes are serialised by a
     * transaction lock, so two requests cannot both find a name free; the unique index stays the backstop.
     */
    private void claimName(String name, UUID self) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext('crm.audience.name'))) l").getSingleResult();
        @SuppressWarnings("unchecked")
        List<UUID> taken = em.createNativeQuery("select id from audience where lower(name) = lower(?1) and deleted_at is null")
                .setParameter(1, name).getResultList();
        taken.remove(self);
        if (!taken.isEmpty()) {
            throw new ProblemException(409, "audience-name-taken", "Conflict", "an audience named " + name + " already exists",
                    List.of(new Problem.FieldError("name", "already used by another audience"))).with("existingAudienceId", taken.getFirst());
        }
    }

    private AudienceFilter read(String filter) {
        try {
            return json.readValue(filter, AudienceFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audience filter does not match its type", e);
        }
    }

    private String write(AudienceFilter filter) {
        try {
            return json.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
