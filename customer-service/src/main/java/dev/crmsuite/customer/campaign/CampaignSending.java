package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.customer.audience.AudienceMember;
import dev.crmsuite.customer.audience.AudienceMembers;
import dev.crmsuite.platform.contact.ContactBudget;
import dev.crmsuite.platform.contact.ContactConfig;
import dev.crmsuite.platform.contact.QuietHours;
import dev.crmsuite.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Sends campaign runs that are due (docs/campaigns.md, "Sending"). A run evaluates its audience at
 * that moment, page by page in customer-id order, one transaction per page: each member gets a
 * delivery row (excluded with its reason, held out, deferred or requested), a requested one a
 * contact_log row and a crm.campaign.delivery-requested.v1 event in the same transaction. A run
 * interrupted by a crash or a redeploy resumes after the last customer it decided (the unique
 * (run, customer) pair makes a repeat a no-op), so nobody is contacted twice. When the audience is
 * exhausted the run is finished: crm.campaign.sent.v1 with the counts, and a recurring campaign
 * schedules its next run. A second step requests deferred deliveries once quiet hours are over.
 */
@ApplicationScoped
public class CampaignSending {

    private static final Logger LOG = Logger.getLogger(CampaignSending.class);
    static final String SOURCE = "campaign";

    private final EntityManager em;
    private final AudienceMembers audiences;
    private final ContactConfig contact;
    private final CampaignConfig config;
    private final Campaigns campaigns;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public CampaignSending(EntityManager em, AudienceMembers audiences, ContactConfig contact, CampaignConfig config, Campaigns campaigns,
                           Outbox outbox, ObjectMapper json, Clock clock) {
        this.em = em;
        this.audiences = audiences;
        this.contact = contact;
        this.config = config;
        this.campaigns = campaigns;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Schema(name = "CampaignSweep", description = "What one sweep did")
    public record SweepResult(int runsFinished, int deferredRequested) {
    }

    @Scheduled(cron = "{crm.campaign.sending.sweep-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        SweepResult r = sweep();
        if (r.runsFinished() > 0 || r.deferredRequested() > 0) {
            LOG.infof("campaign sweep: %d runs sent, %d deferred deliveries requested", r.runsFinished(), r.deferredRequested());
        }
    }

    /** What the schedule runs: every due run to its end, then the deferred deliveries that are due. */
    public SweepResult sweep() {
        int finished = 0;
        for (UUID run : dueRuns()) {
            // One run failing (its page rolled back, to be retried next sweep) must not hold up the others.
            try {
                if (send(run, Integer.MAX_VALUE)) {
                    finished++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "campaign run %s failed; it resumes at the next sweep", run);
            }
        }
        return new SweepResult(finished, requestDeferred());
    }

    /** Runs not finished whose time has come: of scheduled or sending campaigns, or started before a cancellation. */
    List<UUID> dueRuns() {
        return QuarkusTransaction.requiringNew().call(() -> uuids(em.createNativeQuery("""
                        select r.id from campaign_run r join campaign c on c.id = r.campaign_id
                        where r.finished_at is null and r.scheduled_for <= ?1
                          and (c.status in ('SCHEDULED', 'SENDING') or r.started_at is not null)
                        order by r.scheduled_for, r.id""")
                .setParameter(1, now()).getResultList()));
    }

    /**
     * Decides up to {@code maxPages} pages of a run's audience and finishes the run when the audience
     * is exhausted. True when the run is finished. Tests stop after a page to act out an interruption.
     */
    boolean send(UUID runId, int maxPages) {
        if (!QuarkusTransaction.requiringNew().call(() -> start(runId))) {
            return false;
        }
        for (int page = 0; page < maxPages; page++) {
            if (!QuarkusTransaction.requiringNew().call(() -> decidePage(runId))) {
                QuarkusTransaction.requiringNew().run(() -> finish(runId));
                return true;
            }
        }
        return false;
    }

    /** The run's campaign moves to SENDING with its first page; false when the run is not to be sent (cancelled before it began). */
    private boolean start(UUID runId) {
        Run run = lockRun(runId);
        if (run == null || run.finishedAt() != null) {
            return false;
        }
        if (run.startedAt() != null) {
            return true;
        }
        Campaign c = Campaign.findById(run.campaignId(), LockModeType.PESSIMISTIC_WRITE);
        if (c.status != CampaignStatus.SCHEDULED) {
            return false;
        }
        OffsetDateTime now = now();
        c.status = CampaignStates.startRun(c.status);
        c.updatedAt = now;
        em.createNativeQuery("update campaign_run set started_at = ?2 where id = ?1").setParameter(1, runId).setParameter(2, now)
                .executeUpdate();
        return true;
    }

    /** Decides the next page of members; false when the audience held no more. */
    private boolean decidePage(UUID runId) {
        // The run's row lock serialises workers on one run; the resume point is read under it.
        Run run = lockRun(runId);
        if (run == null || run.finishedAt() != null) {
            return false;
        }
        Campaign c = Campaign.findById(run.campaignId());
        // A deleted audience has no members any more: the run ends with what it decided.
        if (em.createNativeQuery("select 1 from audience where id = ?1 and deleted_at is null").setParameter(1, c.audienceId)
                .getResultList().isEmpty()) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<UUID> last = em.createNativeQuery("select customer_id from campaign_delivery where run_id = ?1 order by customer_id desc limit 1")
                .setParameter(1, runId).getResultList();
        int size = config.sending().pageSize();
        List<AudienceMember> members = audiences.page(c.audienceId, last.isEmpty() ? null : last.getFirst(), size);
        if (members.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        ContactBudget budget = ContactBudget.of(contact);
        DeliveryDecisions decisions = new DeliveryDecisions(budget, QuietHours.of(contact), contact.defaultZone());
        Map<UUID, Long> contacts = contactsSince(members.stream().map(AudienceMember::customerId).toList(), budget.windowStart(now));
        double share = c.holdoutShare.doubleValue();
        for (AudienceMember m : members) {
            DeliveryDecisions.Member facts = new DeliveryDecisions.Member(m.customerId(), m.marketingConsent(),
                    m.email() != null && !m.email().isBlank(), m.postalAddress() != null && m.postalAddress().isObject()
                    && !m.postalAddress().isEmpty(), m.timeZone());
            DeliveryDecisions.Decision d = decisions.decide(c.kind, facts, contacts.getOrDefault(m.customerId(), 0L), c.holdoutSeed, share, now);
            UUID deliveryId = UUID.randomUUID();
            int inserted = em.createNativeQuery("""
                            insert into campaign_delivery (id, campaign_id, run_id, customer_id, segment, value_tier, status,
                                                           exclusion_reason, due_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict (run_id, customer_id) do nothing""")
                    .unwrap(NativeQuery.class)
                    .setParameter(1, deliveryId).setParameter(2, c.id).setParameter(3, runId).setParameter(4, m.customerId())
                    .setParameter(5, m.segment(), StandardBasicTypes.STRING).setParameter(6, m.valueTier(), StandardBasicTypes.STRING)
                    .setParameter(7, d.status().name())
                    .setParameter(8, d.reason() == null ? null : d.reason().name(), StandardBasicTypes.STRING)
                    .setParameter(9, d.dueAt() == null ? null : d.dueAt().atOffset(ZoneOffset.UTC), StandardBasicTypes.OFFSET_DATE_TIME)
                    .executeUpdate();
            if (inserted == 0) {
                continue;
            }
            if (d.status() == DeliveryStatus.REQUESTED || d.status() == DeliveryStatus.DEFERRED) {
                // A deferred delivery reserves its contact at its due time, so the budget of runs decided
                // before it is requested already counts it.
                logContact(deliveryId, m.customerId(), d.dueAt());
            }
            if (d.status() == DeliveryStatus.REQUESTED) {
                request(c, deliveryId, runId, m.customerId(), now);
            }
        }
        return members.size() == size;
    }

    /** The run's counts as crm.campaign.sent.v1, and the next run of a recurring campaign. */
    private void finish(UUID runId) {
        Run run = lockRun(runId);
        if (run == null || run.finishedAt() != null) {
            return;
        }
        Campaign c = Campaign.findById(run.campaignId(), LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime now = now();
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select status, exclusion_reason as reason, count(*) as n from campaign_delivery where run_id = ?1
                        group by status, exclusion_reason""", Tuple.class).setParameter(1, runId).getResultList();
        long size = 0;
        long requested = 0;
        long deferred = 0;
        long holdout = 0;
        Map<String, Long> excluded = new TreeMap<>();
        for (Tuple t : rows) {
            long n = ((Number) t.get("n")).longValue();
            size += n;
            switch (DeliveryStatus.valueOf(t.get("status", String.class))) {
                case REQUESTED, DELIVERED, BOUNCED -> requested += n;
                case DEFERRED -> deferred += n;
                case HOLDOUT -> holdout += n;
                case EXCLUDED -> excluded.merge(t.get("reason", String.class), n, Long::sum);
            }
        }
        em.createNativeQuery("update campaign_run set finished_at = ?2 where id = ?1").setParameter(1, runId).setParameter(2, now)
                .executeUpdate();
        boolean another = false;
        if (c.recurrence != null && c.status == CampaignStatus.SENDING) {
            // From the first send time, not the previous run: monthly on the 31st stays on month ends without drifting.
            OffsetDateTime next = c.sendAt.plus(ScheduleRules.period(c.recurrence).multipliedBy(run.number()));
            if (c.recurUntil == null || !next.isAfter(c.recurUntil)) {
                em.createNativeQuery("insert into campaign_run (id, campaign_id, run_number, scheduled_for) values (?1, ?2, ?3, ?4)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, c.id).setParameter(3, run.number() + 1).setParameter(4, next)
                        .executeUpdate();
                another = true;
            }
        }
        c.status = CampaignStates.runDecided(c.status, another);
        c.updatedAt = now;
        outbox.append(c.id.toString(), CampaignEvents.SENT, new CampaignEvents.Sent(c.id, runId, run.number(), c.kind, size, requested,
                deferred, holdout, excluded, now));
    }

    /** Requests every deferred delivery whose quiet hours are over; how many were requested. */
    int requestDeferred() {
        int total = 0;
        while (true) {
            int done = QuarkusTransaction.requiringNew().call(this::requestDeferredBatch);
            total += done;
            if (done < config.sending().deferredBatch()) {
                return total;
            }
        }
    }

    private int requestDeferredBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Tuple> due = em.createNativeQuery("""
                        select d.id as id, d.campaign_id as campaign, d.run_id as run, c.id as customer,
                               c.email as email, cast(c.address as text) as address,
                               c.consent_marketing as consent, c.erased_at is not null or c.merged_into is not null as gone
                        from campaign_delivery d join customer c on c.id = d.customer_id
                        where d.status = 'DEFERRED' and d.due_at <= ?1
                        order by d.due_at, d.id limit ?2
                        for update of d skip locked""", Tuple.class)
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, config.sending().deferredBatch()).getResultList();
        for (Tuple t : due) {
            UUID deliveryId = t.get("id", UUID.class);
            Campaign c = Campaign.findById(t.get("campaign", UUID.class));
            JsonNode address = address(t.get("address", String.class));
            String email = t.get("email", String.class);
            // What changed while the delivery waited decides too: erasure, a withdrawn consent, a removed address.
            ExclusionReason reason = Boolean.TRUE.equals(t.get("gone")) ? ExclusionReason.ERASED
                    : !Boolean.TRUE.equals(t.get("consent")) ? ExclusionReason.NO_MARKETING_CONSENT
                    : (c.kind.needsPostalAddress() ? address == null : email == null || email.isBlank()) ? ExclusionReason.NO_CONTACT_ADDRESS
                    : null;
            if (reason != null) {
                em.createNativeQuery("update campaign_delivery set status = 'EXCLUDED', exclusion_reason = ?2, due_at = null where id = ?1")
                        .setParameter(1, deliveryId).setParameter(2, reason.name()).executeUpdate();
                em.createNativeQuery("delete from contact_log where source = ?1 and source_id = ?2")
                        .setParameter(1, SOURCE).setParameter(2, deliveryId.toString()).executeUpdate();
                continue;
            }
            UUID customerId = t.get("customer", UUID.class);
            request(c, deliveryId, t.get("run", UUID.class), customerId, now);
        }
        return due.size();
    }

    /**
     * One delivery handed over: REQUESTED, an RSVP token for an invitation, and the event the delivering system consumes.
     * The event names no recipient: crm.customers keeps no personal data, so whoever delivers resolves the address at send
     * time from the profile's personal record (the gateway does for webhooks), the kind saying which address it needs.
     */
    private void request(Campaign c, UUID deliveryId, UUID runId, UUID customerId, Instant at) {
        OffsetDateTime now = at.atOffset(ZoneOffset.UTC);
        String token = c.kind == CampaignKind.EVENT_INVITATION ? RsvpTokens.create() : null;
        Query update = em.createNativeQuery(token == null
                ? "update campaign_delivery set status = 'REQUESTED', requested_at = ?2 where id = ?1"
                : "update campaign_delivery set status = 'REQUESTED', requested_at = ?2, rsvp_token_hash = ?3 where id = ?1")
                .setParameter(1, deliveryId).setParameter(2, now);
        if (token != null) {
            update.setParameter(3, RsvpTokens.hash(token));
        }
        update.executeUpdate();
        outbox.append(customerId.toString(), CampaignEvents.DELIVERY_REQUESTED, new CampaignEvents.DeliveryRequested(deliveryId, c.id, runId,
                customerId, c.kind, c.subject, c.templateKey, campaigns.variablesOf(c), campaigns.eventOf(c), token,
                c.deliveryPartner, now));
    }

    private void logContact(UUID deliveryId, UUID customerId, Instant at) {
        em.createNativeQuery("""
                        insert into contact_log (source, source_id, customer_id, contacted_at) values (?1, ?2, ?3, ?4)
                        on conflict do nothing""")
                .setParameter(1, SOURCE).setParameter(2, deliveryId.toString()).setParameter(3, customerId)
                .setParameter(4, at.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    private Map<UUID, Long> contactsSince(List<UUID> customers, Instant from) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select customer_id as customer, count(*) as n from contact_log
                        where customer_id in (:customers) and contacted_at >= :from group by customer_id""", Tuple.class)
                .setParameter("customers", customers).setParameter("from", from.atOffset(ZoneOffset.UTC)).getResultList();
        Map<UUID, Long> counts = new HashMap<>();
        for (Tuple t : rows) {
            counts.put(t.get("customer", UUID.class), ((Number) t.get("n")).longValue());
        }
        return counts;
    }

    /** A run as sending needs it. */
    private record Run(UUID campaignId, int number, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    private Run lockRun(UUID runId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select campaign_id as campaign, run_number as number, started_at as started, finished_at as finished
                        from campaign_run where id = ?1 for update""", Tuple.class).setParameter(1, runId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Tuple t = rows.getFirst();
        return new Run(t.get("campaign", UUID.class), ((Number) t.get("number")).intValue(), CampaignDeliveries.time(t.get("started")), CampaignDeliveries.time(t.get("finished")));
    }

    private JsonNode address(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node == null || node.isNull() || node.isEmpty() ? null : node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable address", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(r -> (UUID) r).toList();
    }
}
