package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.campaign.feedback.AttendanceModels.Attended;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Records who came to an invitation's event, after it started. Only invited customers (a sent delivery of
 * the campaign) can attend as guests of the campaign; recording one twice changes nothing. Each new
 * attendance is an EVENT touchpoint (INBOUND: the customer came to us) and
 * crm.campaign.attendance-recorded.v1, which loyalty-service can turn into points.
 */
@ApplicationScoped
public class Attendances {

    private final EntityManager em;
    private final Outbox outbox;
    private final CampaignTouchpoints touchpoints;
    private final Callers callers;
    private final Clock clock;

    public Attendances(EntityManager em, Outbox outbox, CampaignTouchpoints touchpoints, Callers callers, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.touchpoints = touchpoints;
        this.callers = callers;
        this.clock = clock;
    }

    @Transactional
    public AttendanceModels.AttendanceResult record(UUID campaignId, List<UUID> customerIds) {
        if (new HashSet<>(customerIds).size() != customerIds.size()) {
            throw ProblemException.invalid("customerIds", "must name each customer once");
        }
        List<Tuple> campaigns = em.createNativeQuery("select kind, status, name, cast(event as text) as event from campaign where id = ?1",
                Tuple.class).setParameter(1, campaignId).getResultList();
        if (campaigns.isEmpty()) {
            throw ProblemException.notFound("campaign", campaignId);
        }
        Tuple campaign = campaigns.getFirst();
        if (!"EVENT_INVITATION".equals(campaign.get("kind", String.class))) {
            throw ProblemException.conflict("not-an-invitation", "only an EVENT_INVITATION campaign has attendance; this one is "
                    + campaign.get("kind", String.class));
        }
        if ("CANCELLED".equals(campaign.get("status", String.class))) {
            throw ProblemException.conflict("campaign-cancelled", "this campaign was cancelled; its event has no attendance");
        }
        CampaignEvent event = CampaignEvent.parse(campaign.get("event", String.class));
        if (event == null || event.startsAt() == null || OffsetDateTime.now(clock).isBefore(event.startsAt())) {
            throw ProblemException.conflict("event-not-started", "attendance is recorded once the event has started"
                    + (event == null || event.startsAt() == null ? "" : " (" + event.startsAt() + ")"));
        }
        // Each named customer's latest sent invitation of this campaign, locked: a second list recorded at
        // the same time waits and then finds the attendance already there.
        List<Tuple> rows = em.createNativeQuery("""
                        select d.id, d.customer_id, d.attended_at
                          from campaign_delivery d join campaign_run r on r.id = d.run_id
                         where d.campaign_id = ?1 and d.customer_id = any(?2) and d.status in ('REQUESTED', 'DELIVERED')
                         order by d.customer_id, r.run_number desc
                           for update of d""", Tuple.class)
                .setParameter(1, campaignId).setParameter(2, customerIds.toArray(UUID[]::new)).getResultList();
        Map<UUID, Tuple> invited = new LinkedHashMap<>();
        // the first row of a customer is their latest run's (row locks rule out DISTINCT ON in the query)
        rows.forEach(t -> invited.putIfAbsent(t.get("customer_id", UUID.class), t));
        List<UUID> notInvited = customerIds.stream().filter(id -> !invited.containsKey(id)).toList();
        if (!notInvited.isEmpty()) {
            throw ProblemException.unprocessable("not-invited", "these customers were not sent an invitation of this campaign: "
                    + notInvited).with("customerIds", notInvited);
        }
        OffsetDateTime at = event.startsAt();
        List<Attended> result = new ArrayList<>();
        Set<UUID> recordedNow = new HashSet<>();
        for (UUID customerId : customerIds) {
            Tuple d = invited.get(customerId);
            UUID deliveryId = d.get("id", UUID.class);
            if (d.get("attended_at") != null) {
                result.add(new Attended(customerId, deliveryId, dev.crmsuite.platform.time.SqlTimes.utc(d.get("attended_at")), false));
                continue;
            }
            em.createNativeQuery("update campaign_delivery set attended_at = ?2 where id = ?1")
                    .setParameter(1, deliveryId).setParameter(2, at).executeUpdate();
            touchpoints.record(customerId, TouchpointModels.Channel.EVENT, TouchpointModels.Direction.INBOUND, at, callers.actor(),
                    "Attended \"" + event.title() + "\" (campaign \"" + campaign.get("name", String.class) + "\")");
            outbox.append(customerId.toString(), AttendanceModels.AttendanceRecorded.TYPE,
                    new AttendanceModels.AttendanceRecorded(deliveryId, campaignId, customerId, event.title(), at));
            recordedNow.add(customerId);
            result.add(new Attended(customerId, deliveryId, at, true));
        }
        return new AttendanceModels.AttendanceResult(campaignId, recordedNow.size(), customerIds.size() - recordedNow.size(), result);
    }
}
