package dev.crmsuite.customer.followup;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates, completes and lists follow-up tasks. */
@ApplicationScoped
public class FollowUps {

    @Inject
    CustomerConfig config;
    @Inject
    Outbox outbox;
    @Inject
    Timeline timeline;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Callers callers;
    @Inject
    PartnerVisibility visibility;
    @Inject
    PersonalData personalData;

    public String ownerFor(Customer c) {
        return c.accountManager != null ? c.accountManager : config.followUp().defaultOwner();
    }

    /**
     * Schedules a task unless one with the same {@code sourceRef} exists (rules run again after
     * retries and redeliveries; they must not call the customer twice).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FollowUp schedule(Customer c, String owner, OffsetDateTime dueAt, String reason, FollowUpModels.Rule rule,
                             boolean urgent, String sourceRef) {
        if (sourceRef != null) {
            FollowUp existing = FollowUp.find("sourceRef", sourceRef).firstResult();
            if (existing != null) {
                return existing;
            }
        }
        FollowUp f = new FollowUp();
        f.id = UUID.randomUUID();
        f.customerId = c.id;
        f.owner = owner == null || owner.isBlank() ? ownerFor(c) : owner.trim();
        f.dueAt = dueAt;
        f.reason = reason;
        f.rule = rule.name();
        f.urgent = urgent;
        f.status = "OPEN";
        f.sourceRef = sourceRef;
        f.createdAt = OffsetDateTime.now(clock);
        f.persist();
        outbox.append(c.id.toString(), FollowUpModels.Scheduled.TYPE,
                new FollowUpModels.Scheduled(f.id, c.id, f.owner, f.dueAt, f.urgent, rule));
        personalData.record(c.id, FollowUpModels.Personal.THING, f.id.toString(), FollowUpModels.Personal.of(f));
        return f;
    }

    /** The follow-up, or 404 when there is none or it belongs to a customer the calling partner may not see. */
    public FollowUp require(UUID id) {
        return require(id, LockModeType.NONE);
    }

    private FollowUp require(UUID id, LockModeType lock) {
        return FollowUp.<FollowUp>findByIdOptional(id, lock).filter(x -> !visibility.hidden(x.customerId))
                .orElseThrow(() -> ProblemException.notFound("follow-up", id));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FollowUp complete(UUID id, String outcome) {
        // A follow-up of a customer hidden from a partner is unknown to them, checked before anything is written.
        // Locked: two completions at once must not both see OPEN (each would add a timeline entry and an event).
        FollowUp f = require(id, LockModeType.PESSIMISTIC_WRITE);
        if (!"OPEN".equals(f.status)) {
            throw new ProblemException(409, "follow-up-closed", "Conflict", "follow-up " + id + " is already " + f.status);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        f.status = "DONE";
        f.outcome = outcome.trim();
        f.completedAt = now;
        f.completedBy = callers.actor();
        timeline.add(f.customerId, now, "FOLLOW_UP_COMPLETED", f.id.toString(), "Follow-up done: " + f.outcome,
                Map.of("reason", f.reason, "owner", f.owner));
        outbox.append(f.customerId.toString(), FollowUpModels.Completed.TYPE,
                new FollowUpModels.Completed(f.id, f.customerId, f.owner, now, !now.isAfter(f.dueAt)));
        personalData.record(f.customerId, FollowUpModels.Personal.THING, f.id.toString(), FollowUpModels.Personal.of(f));
        return f;
    }

    /** Cancels the open follow-ups whose source starts with {@code sourcePrefix}; the reason becomes their outcome. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelOpen(String sourcePrefix, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // source refs are built from ids and fixed text: no LIKE wildcards to escape
        // Locked like a completion, so a completion at the same time waits and then finds it closed.
        List<FollowUp> open = FollowUp.<FollowUp>find("status = 'OPEN' and sourceRef like ?1 order by id", sourcePrefix + "%")
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (FollowUp f : open) {
            f.status = "CANCELLED";
            f.outcome = "Cancelled: " + reason;
            f.completedAt = now;
            f.completedBy = callers.actor();
        }
    }

    public FollowUpModels.WorkQueue queue(String owner) {
        ZoneId zone = config.followUp().zone();
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        OffsetDateTime endOfToday = today.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        String partnerFilter = visibility.partnerCalling() ? " and " + PartnerVisibility.visibleIdJpql("customerId") : "";
        List<FollowUp> open = FollowUp.list("owner = ?1 and status = 'OPEN' and dueAt < ?2" + partnerFilter
                + " order by urgent desc, dueAt, id", owner, endOfToday);
        List<FollowUpModels.FollowUpView> overdue = open.stream().filter(f -> f.dueAt.isBefore(now))
                .map(f -> FollowUpModels.FollowUpView.of(f, now)).toList();
        List<FollowUpModels.FollowUpView> dueToday = open.stream().filter(f -> !f.dueAt.isBefore(now))
                .map(f -> FollowUpModels.FollowUpView.of(f, now)).toList();
        return new FollowUpModels.WorkQueue(owner, overdue, dueToday);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
