package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A campaign's deliveries, filtered, in id order (keyset pages over campaign_delivery_campaign). */
@ApplicationScoped
public class CampaignDeliveries {

    private final EntityManager em;

    public CampaignDeliveries(EntityManager em) {
        this.em = em;
    }

    public Page<CampaignModels.DeliveryView> list(UUID campaignId, String status, String exclusionReason, Integer run, Cursor cursor,
                                                  int limit) {
        StringBuilder where = new StringBuilder("d.campaign_id = ?1");
        List<Object> params = new ArrayList<>(List.of(campaignId));
        if (status != null) {
            params.add(Campaigns.parse(DeliveryStatus.class, "status", status).name());
            where.append(" and d.status = ?").append(params.size());
        }
        if (exclusionReason != null) {
            params.add(Campaigns.parse(ExclusionReason.class, "exclusionReason", exclusionReason).name());
            where.append(" and d.exclusion_reason = ?").append(params.size());
        }
        if (run != null) {
            if (run < 1) {
                throw ProblemException.invalid("run", "must be a run number, 1 or more");
            }
            params.add(run);
            where.append(" and r.run_number = ?").append(params.size());
        }
        if (cursor != null) {
            try {
                params.add(UUID.fromString(cursor.get(0)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
            where.append(" and d.id > ?").append(params.size());
        }
        Query q = em.createNativeQuery("""
                select d.id as id, d.campaign_id as campaign, d.run_id as run, r.run_number as number, d.customer_id as customer,
                       d.segment as segment, d.value_tier as tier, d.status as status, d.exclusion_reason as reason, d.due_at as due,
                       d.requested_at as requested, d.delivered_at as delivered, d.bounced_at as bounced, d.bounce_reason as bounce_reason,
                       d.opened_at as opened, d.clicked_at as clicked, d.rsvp as rsvp, d.rsvp_at as rsvp_at, d.attended_at as attended
                from campaign_delivery d join campaign_run r on r.id = d.run_id
                where %s order by d.id limit %d""".formatted(where, limit + 1), Tuple.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = q.getResultList();
        return Page.of(rows, limit, t -> Cursor.of(t.get("id")), CampaignDeliveries::view);
    }

    private static CampaignModels.DeliveryView view(Tuple t) {
        String reason = t.get("reason", String.class);
        return new CampaignModels.DeliveryView(t.get("id", UUID.class), t.get("campaign", UUID.class), t.get("run", UUID.class),
                ((Number) t.get("number")).intValue(), t.get("customer", UUID.class), t.get("segment", String.class),
                t.get("tier", String.class), DeliveryStatus.valueOf(t.get("status", String.class)),
                reason == null ? null : ExclusionReason.valueOf(reason), time(t.get("due")), time(t.get("requested")),
                time(t.get("delivered")), time(t.get("bounced")), t.get("bounce_reason", String.class), time(t.get("opened")),
                time(t.get("clicked")), t.get("rsvp", String.class), time(t.get("rsvp_at")), time(t.get("attended")));
    }

    static OffsetDateTime time(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime o -> o.withOffsetSameInstant(ZoneOffset.UTC);
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp ts -> ts.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }
}
