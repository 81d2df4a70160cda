package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.customer.customer.MergePatch;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Creating, editing, scheduling and cancelling campaigns; the rules are in {@link CampaignStates} and {@link ScheduleRules}. */
@ApplicationScoped
public class Campaigns {

    static final BigDecimal DEFAULT_HOLDOUT_SHARE = new BigDecimal("0.1");
    static final int DEFAULT_MEASUREMENT_DAYS = 14;
    /** Variables are a few template values, not a document store. */
    static final int VARIABLES_MAX_BYTES = 8192;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final EntityManager em;
    private final ObjectMapper json;
    private final Validator validator;
    private final Outbox outbox;
    private final Callers callers;
    private final Clock clock;

    public Campaigns(EntityManager em, ObjectMapper json, Validator validator, Outbox outbox, Callers callers, Clock clock) {
        this.em = em;
        this.json = json;
        this.validator = validator;
        this.outbox = outbox;
        this.callers = callers;
        this.clock = clock;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public Campaign require(UUID id) {
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw ProblemException.notFound("campaign", id);
        }
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Campaign create(CampaignModels.CampaignInput in) {
        Campaign c = new Campaign();
        c.id = UUID.randomUUID();
        c.status = CampaignStatus.DRAFT;
        apply(c, in);
        c.createdBy = callers.actor();
        c.createdAt = now();
        c.updatedAt = c.createdAt;
        c.persist();
        em.flush();
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Campaign patch(UUID id, String ifMatch, String body) throws JsonProcessingException {
        Campaign c = lock(id);
        Versions.requireMatch(ifMatch, c.version);
        CampaignStates.requireEditable(c.status);
        JsonNode patch;
        try {
            patch = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object (a JSON Merge Patch)");
        }
        ObjectNode current = json.valueToTree(inputOf(c));
        // Mistyped or unknown members surface as Jackson errors, which the platform answers 400 naming the field.
        CampaignModels.CampaignInput in = json.treeToValue(MergePatch.apply(current, patch), CampaignModels.CampaignInput.class);
        Set<ConstraintViolation<CampaignModels.CampaignInput>> violations = validator.validate(in);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        apply(c, in);
        c.updatedAt = now();
        em.flush();
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Campaign schedule(UUID id, String ifMatch, OffsetDateTime sendAt) {
        Campaign c = lock(id);
        if (ifMatch != null) {
            Versions.requireMatch(ifMatch, c.version);
        }
        CampaignStatus next = CampaignStates.schedule(c.status);
        OffsetDateTime now = now();
        OffsetDateTime at = sendAt != null ? sendAt : c.sendAt != null ? c.sendAt : now;
        CampaignModels.EventDetails event = eventOf(c);
        ScheduleRules.check(new ScheduleRules.Draft(c.kind, audienceExists(c.audienceId), event, at.toInstant(), c.recurrence,
                c.recurUntil == null ? null : c.recurUntil.toInstant()), now.toInstant());
        c.status = next;
        c.sendAt = at;
        c.updatedAt = now;
        em.createNativeQuery("insert into campaign_run (id, campaign_id, run_number, scheduled_for) values (?1, ?2, 1, ?3)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, c.id).setParameter(3, at).executeUpdate();
        em.flush();
        outbox.append(c.id.toString(), CampaignEvents.SCHEDULED,
                new CampaignEvents.Scheduled(c.id, c.name, c.kind, c.audienceId, at, c.recurrence, now));
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Campaign cancel(UUID id, String ifMatch, String reason) {
        Campaign c = lock(id);
        if (ifMatch != null) {
            Versions.requireMatch(ifMatch, c.version);
        }
        c.status = CampaignStates.cancel(c.status, c.recurrence != null);
        OffsetDateTime now = now();
        c.cancelledAt = now;
        c.cancelReason = reason == null || reason.isBlank() ? null : reason.strip();
        c.updatedAt = now;
        em.flush();
        outbox.append(c.id.toString(), CampaignEvents.CANCELLED, new CampaignEvents.Cancelled(c.id, c.cancelReason, now));
        return c;
    }

    public Page<CampaignModels.CampaignView> list(String status, String kind, Cursor cursor, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", parse(CampaignStatus.class, "status", status));
        }
        if (kind != null) {
            q.append(" and kind = :kind");
            p.and("kind", parse(CampaignKind.class, "kind", kind));
        }
        if (cursor != null) {
            q.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            try {
                p.and("at", OffsetDateTime.parse(cursor.get(0))).and("id", UUID.fromString(cursor.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        q.append(" order by createdAt desc, id desc");
        List<Campaign> rows = Campaign.<Campaign>find(q.toString(), p).range(0, limit).list();
        return Page.of(rows, limit, c -> Cursor.of(c.createdAt, c.id), this::view);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public CampaignModels.CampaignView view(Campaign c) {
        return new CampaignModels.CampaignView(c.id, c.name, c.kind, c.status, c.audienceId, c.subject, c.templateKey, variablesOf(c),
                eventOf(c), utc(c.sendAt), c.recurrence, utc(c.recurUntil), c.holdoutShare.stripTrailingZeros(), c.holdoutSeed,
                c.measurementDays, c.deliveryPartner, c.version, c.createdBy, utc(c.createdAt), utc(c.updatedAt), utc(c.cancelledAt),
                c.cancelReason);
    }

    JsonNode variablesOf(Campaign c) {
        try {
            return json.readTree(c.variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    CampaignModels.EventDetails eventOf(Campaign c) {
        try {
            return c.event == null ? null : json.readValue(c.event, CampaignModels.EventDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Campaign lock(UUID id) {
        Campaign c = Campaign.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw ProblemException.notFound("campaign", id);
        }
        return c;
    }

    private boolean audienceExists(UUID audienceId) {
        return !em.createNativeQuery("select 1 from audience where id = ?1 and deleted_at is null")
                .setParameter(1, audienceId).getResultList().isEmpty();
    }

    private void apply(Campaign c, CampaignModels.CampaignInput in) {
        if (in.variables() != null && !in.variables().isObject()) {
            throw ProblemException.invalid("variables", "must be a JSON object");
        }
        String variables;
        try {
            variables = in.variables() == null ? "{}" : json.writeValueAsString(in.variables());
            c.event = in.event() == null ? null : json.writeValueAsString(in.event());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (variables.getBytes(StandardCharsets.UTF_8).length > VARIABLES_MAX_BYTES) {
            throw ProblemException.invalid("variables", "must be at most " + VARIABLES_MAX_BYTES + " bytes of JSON");
        }
        if (in.recurrence() != null && ScheduleRules.period(in.recurrence()) == null) {
            throw ProblemException.invalid("recurrence", "must be an ISO-8601 period such as P1D, P1W or P1M");
        }
        // Only a well-formed body is looked up: a wrong type anywhere is the 400 naming it, not this 422.
        if (!in.audienceId().equals(c.audienceId) && !audienceExists(in.audienceId())) {
            throw new ProblemException(422, "audience-unknown", "Unprocessable campaign", "audienceId names no audience",
                    List.of(new Problem.FieldError("audienceId", "names no audience")));
        }
        c.name = in.name().strip();
        c.kind = in.kind();
        c.audienceId = in.audienceId();
        c.subject = in.subject().strip();
        c.templateKey = in.templateKey();
        c.variables = variables;
        c.sendAt = in.sendAt();
        c.recurrence = in.recurrence();
        c.recurUntil = in.recurUntil();
        c.holdoutShare = in.holdoutShare() == null ? DEFAULT_HOLDOUT_SHARE : in.holdoutShare();
        c.holdoutSeed = in.holdoutSeed() != null ? in.holdoutSeed() : SEEDS.nextLong(CampaignModels.MAX_SEED + 1);
        c.measurementDays = in.measurementDays() == null ? DEFAULT_MEASUREMENT_DAYS : in.measurementDays();
        c.deliveryPartner = in.deliveryPartner() == null || in.deliveryPartner().isBlank() ? null : in.deliveryPartner().strip();
    }

    private CampaignModels.CampaignInput inputOf(Campaign c) {
        return new CampaignModels.CampaignInput(c.name, c.kind, c.audienceId, c.subject, c.templateKey, variablesOf(c), eventOf(c),
                c.sendAt, c.recurrence, c.recurUntil, c.holdoutShare, c.holdoutSeed, c.measurementDays, c.deliveryPartner);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
