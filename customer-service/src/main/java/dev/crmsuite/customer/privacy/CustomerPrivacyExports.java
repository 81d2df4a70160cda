package dev.crmsuite.customer.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerViews;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.followup.FollowUpModels;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.customer.history.HistoryResource;
import dev.crmsuite.customer.lifecycle.LostReason;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.customer.value.PurchaseModels;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Collects customer-service's part of a person's data export, one section per table that holds a row
 * about them, and records the export in the customer's history.
 */
@ApplicationScoped
public class CustomerPrivacyExports {

    /** The history field an export is recorded under, beside "erased": who exported (the actor) and when. */
    public static final String EXPORTED = "exported";

    private final Customers customers;
    private final CustomerViews views;
    private final History history;
    private final Timeline timeline;
    private final EntityManager em;
    private final Clock clock;

    public CustomerPrivacyExports(Customers customers, CustomerViews views, History history, Timeline timeline, EntityManager em,
                                  Clock clock) {
        this.customers = customers;
        this.views = views;
        this.history = history;
        this.timeline = timeline;
        this.em = em;
        this.clock = clock;
    }

    /**
     * The export of a live customer (404 unknown, 308 to the survivor when merged). One transaction:
     * the record of the export is written first, so the document's history holds it, and the sections
     * agree with each other. Partners never get here (the operation is staff only), so no section
     * needs the partner filters of the single reads; the timeline keeps its scope rule.
     */
    @Transactional
    public CustomerPrivacyExport export(UUID id) {
        Customer c = customers.require(id);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        history.record(c.id, EXPORTED, null, now.toString());
        history.flush(); // read below
        return new CustomerPrivacyExport(c.id, now, now, views.of(c), mergedDuplicates(c.id), purchases(c.id), refunds(c.id),
                touchpoints(c.id), followUps(c.id), referrals(c.id), losses(c.id), timeline(c.id), history(c.id), consents(c),
                complaintRecords(c.id), exitSurveyResponses(c.id), riskAssessments(c.id), duplicateCandidates(c.id));
    }

    private List<CustomerPrivacyExport.MergedDuplicate> mergedDuplicates(UUID id) {
        // Merges point every tombstone at the final survivor, so one level finds them all.
        return em.createQuery("from Customer c where c.mergedInto = :id order by c.mergedAt, c.id", Customer.class)
                .setParameter("id", id).getResultList().stream()
                .map(d -> new CustomerPrivacyExport.MergedDuplicate(d.id, d.displayName, utc(d.mergedAt), views.of(d), history(d.id)))
                .toList();
    }

    private List<CustomerPrivacyExport.Purchase> purchases(UUID id) {
        return em.createQuery("from Purchase p where p.customerId = :id order by p.purchasedAt, p.id", dev.crmsuite.customer.value.Purchase.class)
                .setParameter("id", id).getResultList().stream()
                .map(p -> new CustomerPrivacyExport.Purchase(p.id, p.externalOrderId, p.amount, p.refundedAmount, p.currency,
                        utc(p.purchasedAt), p.discounted, PurchaseModels.items(p), utc(p.recordedAt)))
                .toList();
    }

    private List<CustomerPrivacyExport.Refund> refunds(UUID id) {
        return em.createQuery("from Refund r where r.customerId = :id order by r.refundedAt, r.id", dev.crmsuite.customer.value.Refund.class)
                .setParameter("id", id).getResultList().stream()
                .map(r -> new CustomerPrivacyExport.Refund(r.id, r.purchaseId, r.amount, r.reason, utc(r.refundedAt)))
                .toList();
    }

    private List<CustomerPrivacyExport.Touchpoint> touchpoints(UUID id) {
        return em.createQuery("from Touchpoint t where t.customerId = :id order by t.occurredAt, t.id",
                        dev.crmsuite.customer.touchpoint.Touchpoint.class)
                .setParameter("id", id).getResultList().stream()
                .map(t -> new CustomerPrivacyExport.Touchpoint(t.id, TouchpointModels.Channel.valueOf(t.channel),
                        TouchpointModels.Direction.valueOf(t.direction), TouchpointModels.Phase.valueOf(t.phase), t.staff,
                        utc(t.occurredAt), t.summary))
                .toList();
    }

    private List<CustomerPrivacyExport.FollowUp> followUps(UUID id) {
        return em.createQuery("from FollowUp f where f.customerId = :id order by f.dueAt, f.id", dev.crmsuite.customer.followup.FollowUp.class)
                .setParameter("id", id).getResultList().stream()
                .map(f -> new CustomerPrivacyExport.FollowUp(f.id, f.owner, utc(f.dueAt), f.reason, FollowUpModels.Rule.valueOf(f.rule),
                        f.urgent, f.status, f.outcome, utc(f.completedAt), f.completedBy, utc(f.createdAt)))
                .toList();
    }

    private List<CustomerPrivacyExport.Referral> referrals(UUID id) {
        return rows("select id, referrer_id, referred_id, note, recorded_at from referral"
                        + " where referrer_id = ?1 or referred_id = ?1 order by recorded_at, id", id,
                t -> new CustomerPrivacyExport.Referral(t.get("id", UUID.class), t.get("referrer_id", UUID.class),
                        t.get("referred_id", UUID.class), t.get("note", String.class), SqlTimes.utc(t.get("recorded_at"))));
    }

    private List<CustomerPrivacyExport.Loss> losses(UUID id) {
        return rows("select id, reason_code, reason_text, lost_at, actor from customer_loss where customer_id = ?1 order by lost_at, id", id,
                t -> new CustomerPrivacyExport.Loss(t.get("id", UUID.class), LostReason.valueOf(t.get("reason_code", String.class)),
                        t.get("reason_text", String.class), SqlTimes.utc(t.get("lost_at")), t.get("actor", String.class)));
    }

    private List<CustomerPrivacyExport.TimelineEntry> timeline(UUID id) {
        return rows("select id, occurred_at, kind, ref_id, summary, cast(data as text) as data from timeline_entry where customer_id = ?1 and "
                        + timeline.entriesVisibleSql() + " order by occurred_at, id", id,
                t -> new CustomerPrivacyExport.TimelineEntry(t.get("id", UUID.class), SqlTimes.utc(t.get("occurred_at")),
                        t.get("kind", String.class), t.get("ref_id", String.class), t.get("summary", String.class),
                        json(t.get("data", String.class))));
    }

    private List<HistoryResource.Change> history(UUID id) {
        return rows("""
                        select id, changed_at, actor, field, cast(old_value as text) as old_value, cast(new_value as text) as new_value
                        from customer_history where customer_id = ?1 order by id""", id,
                t -> new HistoryResource.Change(t.get("id", Long.class), SqlTimes.utc(t.get("changed_at")), t.get("actor", String.class),
                        t.get("field", String.class), json(t.get("old_value", String.class)), json(t.get("new_value", String.class))));
    }

    private static List<CustomerPrivacyExport.Consent> consents(Customer c) {
        return List.of(new CustomerPrivacyExport.Consent("MARKETING", c.consentMarketing, utc(c.consentMarketingAt)),
                new CustomerPrivacyExport.Consent("PARTNER_SHARING", c.consentPartnerSharing, utc(c.consentPartnerSharingAt)));
    }

    private List<CustomerPrivacyExport.ComplaintRecord> complaintRecords(UUID id) {
        return rows("select complaint_id, filed_at, resolved_at from complaint_record where customer_id = ?1"
                        + " order by filed_at nulls last, complaint_id", id,
                t -> new CustomerPrivacyExport.ComplaintRecord(t.get("complaint_id", UUID.class), SqlTimes.utc(t.get("filed_at")),
                        SqlTimes.utc(t.get("resolved_at"))));
    }

    private List<CustomerPrivacyExport.ExitSurveyResponse> exitSurveyResponses(UUID id) {
        return rows("select response_id, survey_id, cast(reasons as text) as reasons, submitted_at from exit_survey_response"
                        + " where customer_id = ?1 order by submitted_at, response_id", id,
                t -> new CustomerPrivacyExport.ExitSurveyResponse(t.get("response_id", UUID.class), t.get("survey_id", UUID.class),
                        strings(t.get("reasons", String.class)), SqlTimes.utc(t.get("submitted_at"))));
    }

    private List<CustomerPrivacyExport.RiskAssessment> riskAssessments(UUID id) {
        return rows("""
                        select level, cast(reasons as text) as reasons, last_purchase_at, recency_days, purchases_12m, revenue_12m,
                               usual_interval_days, expected_next_purchase, unresolved_complaints, last_nps, high_since, computed_at
                        from customer_risk where customer_id = ?1""", id,
                t -> new CustomerPrivacyExport.RiskAssessment(t.get("level", String.class), strings(t.get("reasons", String.class)),
                        SqlTimes.utc(t.get("last_purchase_at")), t.get("recency_days", Integer.class), t.get("purchases_12m", Integer.class),
                        t.get("revenue_12m", java.math.BigDecimal.class), t.get("usual_interval_days", Integer.class),
                        SqlTimes.utc(t.get("expected_next_purchase")), t.get("unresolved_complaints", Integer.class),
                        t.get("last_nps", Integer.class), SqlTimes.utc(t.get("high_since")), SqlTimes.utc(t.get("computed_at"))));
    }

    private List<CustomerPrivacyExport.DuplicateCandidate> duplicateCandidates(UUID id) {
        // A pair is stored once, the smaller id first: the customer may be on either side.
        return rows("""
                        select case when customer_id = ?1 then other_id else customer_id end as other, score,
                               cast(matches as text) as matches, found_at
                        from duplicate_candidate where customer_id = ?1 or other_id = ?1 order by score desc, other""", id,
                t -> new CustomerPrivacyExport.DuplicateCandidate(t.get("other", UUID.class), t.get("score", java.math.BigDecimal.class),
                        matches(t.get("matches", String.class)), SqlTimes.utc(t.get("found_at"))));
    }

    /** A native query over one customer's rows, each read by column name and type into a section record. */
    private <T> List<T> rows(String sql, UUID id, Function<Tuple, T> record) {
        return em.createNativeQuery(sql, Tuple.class).setParameter(1, id).getResultList().stream()
                .map(row -> record.apply((Tuple) row)).toList();
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static JsonNode json(String s) {
        try {
            return s == null ? null : EventJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CustomerPrivacyExport.DuplicateMatch> matches(String jsonArray) {
        List<CustomerPrivacyExport.DuplicateMatch> matches = new java.util.ArrayList<>();
        json(jsonArray).forEach(m -> matches.add(new CustomerPrivacyExport.DuplicateMatch(m.path("field").asText(), m.path("detail").asText(null))));
        return matches;
    }

    private static List<String> strings(String jsonArray) {
        try {
            return EventJson.MAPPER.readValue(jsonArray, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
