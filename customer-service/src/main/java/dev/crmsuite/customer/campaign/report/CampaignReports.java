package dev.crmsuite.customer.campaign.report;

import dev.crmsuite.customer.campaign.report.CampaignReportModels.CampaignReport;
import dev.crmsuite.customer.campaign.report.CampaignReportModels.InvitationFigures;
import dev.crmsuite.customer.campaign.report.CampaignReportModels.RunSummary;
import dev.crmsuite.customer.campaign.report.CampaignReportModels.SegmentReport;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The report of one campaign run: counts from its delivery rows, and the lift from the purchases of its
 * recipients and holdout in the measurement window. Both are one grouped query each (overall and per
 * segment in one pass, with grouping sets); the per-customer sums are exact {@code numeric}, the
 * statistics are {@link CampaignLift}'s.
 */
@ApplicationScoped
public class CampaignReports {

    /** The reasons a customer is excluded (campaign_delivery.exclusion_reason's closed set), in this order in the answer. */
    static final List<String> EXCLUSION_REASONS = List.of("NO_MARKETING_CONSENT", "CONTACT_BUDGET_EXHAUSTED", "NO_CONTACT_ADDRESS", "ERASED");

    private final EntityManager em;
    private final CustomerConfig config;
    private final Clock clock;

    public CampaignReports(EntityManager em, CustomerConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** Counts of one group of delivery rows (overall: {@code overall} true). */
    record Counts(boolean overall, String segment, long audience, Map<String, Long> excluded, long holdout, long requested, long deferred,
                  long delivered, long bounced, long opened, long clicked, long accepted, long declined, long attended) {
    }

    /** One group of a lift query row: recipients or holdout, overall or one segment. */
    record LiftRow(boolean overall, String segment, boolean holdout, CampaignLift.GroupSums sums) {
    }

    public CampaignReport report(UUID campaignId, Integer runNumber) {
        if (runNumber != null && runNumber < 1) {
            throw ProblemException.invalid("run", "must be 1 or more");
        }
        List<Tuple> campaigns = em.createNativeQuery("select name, kind, status, measurement_days from campaign where id = ?1", Tuple.class)
                .setParameter(1, campaignId).getResultList();
        if (campaigns.isEmpty()) {
            throw ProblemException.notFound("campaign", campaignId);
        }
        Tuple campaign = campaigns.getFirst();
        RunSummary run = run(campaignId, runNumber);
        int days = ((Number) campaign.get("measurement_days")).intValue();
        OffsetDateTime from = run.startedAt() != null ? run.startedAt() : run.scheduledFor();
        OffsetDateTime until = from.plusDays(days);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        boolean invitation = "EVENT_INVITATION".equals(campaign.get("kind", String.class));

        List<Counts> counts = counts(run.id());
        List<LiftRow> lifts = lifts(run.id(), from, until);
        Counts overallCounts = counts.stream().filter(Counts::overall).findFirst().orElseThrow();
        SegmentReport overall = segment(overallCounts, lifts, invitation);
        List<SegmentReport> segments = new ArrayList<>();
        counts.stream().filter(c -> !c.overall())
                .sorted(Comparator.comparing(Counts::segment, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(c -> segments.add(segment(c, lifts, invitation)));
        return new CampaignReport(campaignId, campaign.get("name", String.class), campaign.get("kind", String.class),
                campaign.get("status", String.class), run, config.value().currency(), days, from, until, !now.isBefore(until),
                overall, segments);
    }

    private RunSummary run(UUID campaignId, Integer runNumber) {
        var query = em.createNativeQuery("""
                        select id, run_number, scheduled_for, started_at, finished_at from campaign_run
                         where campaign_id = ?1""" + (runNumber == null ? " and finished_at is not null" : " and run_number = ?2")
                        + " order by run_number desc limit 1", Tuple.class)
                .setParameter(1, campaignId);
        if (runNumber != null) {
            query.setParameter(2, runNumber);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> runs = query.getResultList();
        if (runs.isEmpty()) {
            if (runNumber != null) {
                throw ProblemException.notFound("run", runNumber);
            }
            throw ProblemException.conflict("no-finished-run", "this campaign has no finished run to report on yet");
        }
        Tuple r = runs.getFirst();
        return new RunSummary(r.get("id", UUID.class), ((Number) r.get("run_number")).intValue(), SqlTimes.utc(r.get("scheduled_for")),
                SqlTimes.utc(r.get("started_at")), SqlTimes.utc(r.get("finished_at")));
    }

    private List<Counts> counts(UUID runId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select grouping(d.segment) = 1 as overall, d.segment, count(*) as audience,
                               count(*) filter (where d.exclusion_reason = 'NO_MARKETING_CONSENT') as no_marketing_consent,
                               count(*) filter (where d.exclusion_reason = 'CONTACT_BUDGET_EXHAUSTED') as contact_budget_exhausted,
                               count(*) filter (where d.exclusion_reason = 'NO_CONTACT_ADDRESS') as no_contact_address,
                               count(*) filter (where d.exclusion_reason = 'ERASED') as erased,
                               count(*) filter (where d.status = 'HOLDOUT') as holdout,
                               count(*) filter (where d.status in ('REQUESTED', 'DELIVERED', 'BOUNCED')) as requested,
                               count(*) filter (where d.status = 'DEFERRED') as deferred,
                               count(*) filter (where d.status = 'DELIVERED') as delivered,
                               count(*) filter (where d.status = 'BOUNCED') as bounced,
                               count(*) filter (where d.status = 'DELIVERED' and d.opened_at is not null) as opened,
                               count(*) filter (where d.status = 'DELIVERED' and d.clicked_at is not null) as clicked,
                               count(*) filter (where d.rsvp = 'ACCEPTED') as accepted,
                               count(*) filter (where d.rsvp = 'DECLINED') as declined,
                               count(*) filter (where d.attended_at is not null) as attended
                          from campaign_delivery d where d.run_id = ?1
                         group by grouping sets ((), (d.segment))""", Tuple.class).setParameter(1, runId).getResultList();
        List<Counts> counts = new ArrayList<>();
        for (Tuple t : rows) {
            Map<String, Long> excluded = new LinkedHashMap<>();
            EXCLUSION_REASONS.forEach(reason -> excluded.put(reason, n(t, reason.toLowerCase())));
            counts.add(new Counts(Boolean.TRUE.equals(t.get("overall")), t.get("segment", String.class), n(t, "audience"), excluded,
                    n(t, "holdout"), n(t, "requested"), n(t, "deferred"), n(t, "delivered"), n(t, "bounced"), n(t, "opened"),
                    n(t, "clicked"), n(t, "accepted"), n(t, "declined"), n(t, "attended")));
        }
        if (counts.stream().noneMatch(Counts::overall)) {
            // grouping sets always answer the () row, even over no rows; kept for clarity should that change
            counts.add(new Counts(true, null, 0, new LinkedHashMap<>(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        return counts;
    }

    /**
     * Per-customer purchases and net revenue in [from, until), summed per group. A delivery to a record
     * merged since counts the survivor's purchases (merging moves them there).
     */
    private List<LiftRow> lifts(UUID runId, OffsetDateTime from, OffsetDateTime until) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        with members as (
                            select d.customer_id, coalesce(cu.merged_into, d.customer_id) as buyer, d.segment,
                                   d.status = 'HOLDOUT' as holdout
                              from campaign_delivery d join customer cu on cu.id = d.customer_id
                             where d.run_id = ?1 and d.status in ('REQUESTED', 'DELIVERED', 'BOUNCED', 'HOLDOUT')
                        ), per_customer as (
                            select m.customer_id, m.segment, m.holdout, count(p.id)::numeric as purchases,
                                   coalesce(sum(p.amount - p.refunded_amount), 0)::numeric as revenue
                              from members m
                              left join purchase p on p.customer_id = m.buyer and p.purchased_at >= ?2 and p.purchased_at < ?3
                             group by m.customer_id, m.segment, m.holdout
                        )
                        select grouping(segment) = 1 as overall, segment, holdout, count(*) as customers,
                               sum(purchases) as purchases, sum(purchases * purchases) as purchases_squared,
                               sum(revenue) as revenue, sum(revenue * revenue) as revenue_squared,
                               count(*) filter (where purchases > 0) as converted
                          from per_customer
                         group by grouping sets ((holdout), (holdout, segment))""", Tuple.class)
                .setParameter(1, runId).setParameter(2, from).setParameter(3, until).getResultList();
        List<LiftRow> lifts = new ArrayList<>();
        for (Tuple t : rows) {
            lifts.add(new LiftRow(Boolean.TRUE.equals(t.get("overall")), t.get("segment", String.class), Boolean.TRUE.equals(t.get("holdout")),
                    new CampaignLift.GroupSums(n(t, "customers"), t.get("purchases", BigDecimal.class), t.get("purchases_squared", BigDecimal.class),
                            t.get("revenue", BigDecimal.class), t.get("revenue_squared", BigDecimal.class), n(t, "converted"))));
        }
        return lifts;
    }

    private static SegmentReport segment(Counts c, List<LiftRow> lifts, boolean invitation) {
        Map<Boolean, CampaignLift.GroupSums> groups = new HashMap<>();
        lifts.stream().filter(l -> l.overall() == c.overall() && (c.overall() || Objects.equals(l.segment(), c.segment())))
                .forEach(l -> groups.put(l.holdout(), l.sums()));
        CampaignLift.Lift lift = CampaignLift.of(groups.getOrDefault(false, CampaignLift.GroupSums.EMPTY),
                groups.getOrDefault(true, CampaignLift.GroupSums.EMPTY));
        InvitationFigures invitations = invitation ? new InvitationFigures(c.accepted(), c.declined(), c.attended(),
                rate(c.accepted(), c.requested()), rate(c.declined(), c.requested()), rate(c.attended(), c.requested()),
                rate(c.attended(), c.accepted())) : null;
        return new SegmentReport(c.overall() ? null : c.segment(), c.audience(), c.excluded(), c.holdout(), c.requested(), c.deferred(),
                c.delivered(), c.bounced(), c.opened(), c.clicked(), rate(c.delivered(), c.requested()), rate(c.bounced(), c.requested()),
                rate(c.opened(), c.delivered()), rate(c.clicked(), c.delivered()), invitations, CampaignReportModels.Lift.of(lift));
    }

    /** A share to 4 places; null when there is nothing to take a share of. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), CampaignLift.RATE_SCALE, RoundingMode.HALF_UP);
    }

    private static long n(Tuple t, String column) {
        Object v = t.get(column);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
