package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.campaign.feedback.DeliveryReportModels.DeliveryReportView;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportModels.NewDeliveryReport;
import dev.crmsuite.customer.campaign.feedback.DeliveryReportRules.Report;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Records partners' delivery reports ({@link DeliveryReportRules}) on campaign deliveries. */
@ApplicationScoped
public class DeliveryReports {

    /** A delivery report with the answer it got: 201 the first time, 200 for a repeat. */
    public record Recorded(DeliveryReportView view, boolean created) {
    }

    private final EntityManager em;
    private final Callers callers;
    private final Outbox outbox;
    private final CampaignTouchpoints touchpoints;
    private final Clock clock;

    public DeliveryReports(EntityManager em, Callers callers, Outbox outbox, CampaignTouchpoints touchpoints, Clock clock) {
        this.em = em;
        this.callers = callers;
        this.outbox = outbox;
        this.touchpoints = touchpoints;
        this.clock = clock;
    }

    @Transactional
    public Recorded report(UUID deliveryId, NewDeliveryReport in) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        if (in.report() != Report.BOUNCED && in.bounceReason() != null) {
            throw ProblemException.invalid("bounceReason", "only a BOUNCED report has a bounce reason");
        }
        OffsetDateTime occurredAt = in.occurredAt() == null ? now
                : in.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (DeliveryReportRules.inFuture(occurredAt, now)) {
            throw ProblemException.invalid("occurredAt", "must not be in the future");
        }
        // Row lock: a partner's retries racing each other serialise here, and the second sees the first's report.
        DeliveryRow d = lock(deliveryId);
        List<Tuple> earlier = em.createNativeQuery("""
                        select report, occurred_at, recorded_at from campaign_delivery_report where delivery_id = ?1""", Tuple.class)
                .setParameter(1, d.id()).getResultList();
        Set<Report> reported = EnumSet.noneOf(Report.class);
        earlier.forEach(t -> reported.add(Report.valueOf(t.get("report", String.class))));
        var outcome = DeliveryReportRules.decide(new DeliveryReportRules.State(d.status(), d.requestedAt(), d.deliveredAt(), reported),
                in.report(), occurredAt);
        if (outcome instanceof DeliveryReportRules.Refused(DeliveryReportRules.Refusal r)) {
            throw new ProblemException(r.status(), r.slug(), r.status() == 409 ? "Conflict" : "Unprocessable request", r.detail());
        }
        DeliveryReportRules.Decision decision = ((DeliveryReportRules.Accepted) outcome).decision();
        if (decision.repeat()) {
            Tuple first = earlier.stream().filter(t -> t.get("report", String.class).equals(in.report().name())).findFirst().orElseThrow();
            return new Recorded(new DeliveryReportView(d.id(), d.campaignId(), in.report(), SqlTimes.utc(first.get("occurred_at")),
                    in.report() == Report.BOUNCED ? d.bounceReason() : null, SqlTimes.utc(first.get("recorded_at")), d.status()), false);
        }
        String status = apply(d, in, occurredAt, decision);
        em.createNativeQuery("""
                        insert into campaign_delivery_report (delivery_id, report, occurred_at, reported_by, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, d.id()).setParameter(2, in.report().name()).setParameter(3, occurredAt)
                .setParameter(4, callers.actor()).setParameter(5, now).executeUpdate();
        if (decision.firstDelivery()) {
            touchpoints.record(d.customerId(), CampaignTouchpointRules.channelOf(d.kind()), TouchpointModels.Direction.OUTBOUND,
                    occurredAt, callers.actor(),
                    kindWords(d.kind()) + " \"" + d.campaignName() + "\" delivered");
        }
        String bounceReason = in.report() == Report.BOUNCED ? in.bounceReason() : null;
        // The bounce reason stays here (GET .../deliveries): it is the deliverer's free text, and a mail server's
        // diagnostic often quotes the customer's address, which must not enter crm.customers.
        outbox.append(d.customerId().toString(), DeliveryReportModels.DeliveryReported.TYPE,
                new DeliveryReportModels.DeliveryReported(d.id(), d.campaignId(), d.customerId(), in.report(), occurredAt));
        return new Recorded(new DeliveryReportView(d.id(), d.campaignId(), in.report(), occurredAt, bounceReason, now, status), true);
    }

    /** Updates the delivery row for an accepted report; returns its status afterwards. */
    private String apply(DeliveryRow d, NewDeliveryReport in, OffsetDateTime at, DeliveryReportRules.Decision decision) {
        String sql = switch (in.report()) {
            case BOUNCED -> "update campaign_delivery set status = 'BOUNCED', bounced_at = ?2, bounce_reason = ?3 where id = ?1";
            // A late DELIVERED after an open moves delivered_at back to the real time of delivery.
            case DELIVERED -> "update campaign_delivery set status = 'DELIVERED', delivered_at = least(delivered_at, ?2) where id = ?1";
            case OPENED -> "update campaign_delivery set status = 'DELIVERED', delivered_at = coalesce(delivered_at, ?2),"
                    + " opened_at = ?2 where id = ?1";
            case CLICKED -> "update campaign_delivery set status = 'DELIVERED', delivered_at = coalesce(delivered_at, ?2),"
                    + " clicked_at = ?2 where id = ?1";
        };
        var update = em.createNativeQuery(sql).setParameter(1, d.id()).setParameter(2, at);
        if (in.report() == Report.BOUNCED) {
            update.setParameter(3, in.bounceReason());
        }
        update.executeUpdate();
        return in.report() == Report.BOUNCED ? "BOUNCED" : "DELIVERED";
    }

    /**
     * The delivery, locked; 404 when unknown, and for a partner also when the campaign is not theirs to
     * deliver (the same answer: a partner learns nothing about other partners' or staff's campaigns).
     */
    private DeliveryRow lock(UUID deliveryId) {
        List<Tuple> rows = em.createNativeQuery("select " + DeliveryRow.COLUMNS
                        + " from campaign_delivery d join campaign c on c.id = d.campaign_id where d.id = ?1 for update of d", Tuple.class)
                .setParameter(1, deliveryId).getResultList();
        DeliveryRow d = rows.isEmpty() ? null : DeliveryRow.of(rows.getFirst());
        Caller caller = callers.require();
        if (d == null || caller.isPartner() && !caller.partnerId().equals(d.deliveryPartner())) {
            throw ProblemException.notFound("delivery", deliveryId);
        }
        return d;
    }

    static String kindWords(String kind) {
        return switch (kind) {
            case "NEWSLETTER" -> "Newsletter";
            case "LETTER" -> "Letter";
            case "EVENT_INVITATION" -> "Event invitation";
            case "OFFER" -> "Offer";
            default -> kind;
        };
    }
}
