package dev.crmsuite.customer.followup;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.value.Purchase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * "The sale is the beginning of the work": the rules that create follow-ups by themselves.
 * <ul>
 * <li>a purchase at or above the high-value threshold: calls at each configured offset (+7 and +90 days);</li>
 * <li>each day, a random sample of the previous day's small-purchase buyers: a call the next day;</li>
 * <li>an unhappy survey answer: an urgent follow-up for the account manager.</li>
 * </ul>
 */
@ApplicationScoped
public class FollowUpRules {

    private static final Logger LOG = Logger.getLogger(FollowUpRules.class);
    private final Random random = new SecureRandom();

    @Inject
    CustomerConfig config;
    @Inject
    FollowUps followUps;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onPurchase(Customer c, Purchase p) {
        if (p.amount.compareTo(config.followUp().highValueThreshold()) < 0 || c.erased()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int days : config.followUp().highValueCallDays()) {
            OffsetDateTime due = HighValueCalls.dueAt(p.purchasedAt, days, now, config.followUp().missedCallGrace());
            if (due == null) {
                continue;
            }
            followUps.schedule(c, null, due,
                    "Call " + days + " days after high-value purchase " + p.externalOrderId + " ("
                            + p.amount.toPlainString() + " " + p.currency + "), even if nothing is wrong",
                    FollowUpModels.Rule.HIGH_VALUE_PURCHASE, false, "purchase:" + p.id + ":+" + days + "d");
        }
    }

    /**
     * A fully refunded high-value purchase needs no "how is it going" calls: its open calls are
     * cancelled (calls already made stay as they are).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onFullRefund(Purchase p) {
        followUps.cancelOpen("purchase:" + p.id + ":", "purchase " + p.externalOrderId + " was fully refunded");
    }

    @Scheduled(cron = "{crm.customer.follow-up.daily-sample-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        FollowUpModels.SampleResult r = drawDailySample(null);
        LOG.infof("daily follow-up sample for %s: %d of %d small-purchase buyers", r.purchaseDay(), r.scheduled(), r.candidates());
    }

    /**
     * Draws the sample of {@code purchaseDay}'s small-purchase buyers (yesterday when null). Drawn
     * once per day: a second run for the same day schedules nothing.
     */
    public FollowUpModels.SampleResult drawDailySample(LocalDate purchaseDay) {
        ZoneId zone = config.followUp().zone();
        LocalDate day = purchaseDay != null ? purchaseDay : OffsetDateTime.now(clock).atZoneSameInstant(zone).toLocalDate().minusDays(1);
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext('crm.customer.daily-sample'))").getSingleResult();
            String prefix = "sample:" + day + ":";
            long drawn = ((Number) em.createNativeQuery("select count(*) from follow_up where source_ref like ?1")
                    .setParameter(1, prefix + "%").getSingleResult()).longValue();
            ReservoirSample<UUID> sample = new ReservoirSample<>(config.followUp().dailySampleSize(), random);
            // A reservoir sample over the day's buyers as they stream in (Algorithm R): memory for the
            // sample, not for the day, however many bought (a bulk import can put a million on one day).
            @SuppressWarnings("unchecked")
            Stream<UUID> buyers = em.createNativeQuery("""
                            select distinct p.customer_id from purchase p join customer c on c.id = p.customer_id
                            where p.purchased_at >= ?1 and p.purchased_at < ?2 and p.amount <= ?3
                              and c.merged_into is null and c.erased_at is null""", UUID.class)
                    .setParameter(1, day.atStartOfDay(zone).toOffsetDateTime())
                    .setParameter(2, day.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                    .setParameter(3, config.followUp().smallPurchaseMax())
                    .setHint(HibernateHints.HINT_FETCH_SIZE, 1000)
                    .getResultStream();
            try (buyers) {
                buyers.forEach(sample::add);
            }
            if (drawn > 0) {
                return new FollowUpModels.SampleResult(day.toString(), sample.seen(), 0);
            }
            List<UUID> chosen = sample.chosen();
            // Due by the end of the day after the purchase: a next-day call.
            OffsetDateTime due = day.plusDays(2).atStartOfDay(zone).toOffsetDateTime().minusMinutes(1);
            for (UUID id : chosen) {
                Customer c = Customer.findById(id);
                followUps.schedule(c, null, due, "Next-day call after a small purchase on " + day + " (random sample)",
                        FollowUpModels.Rule.SMALL_PURCHASE_SAMPLE, false, prefix + id);
            }
            return new FollowUpModels.SampleResult(day.toString(), sample.seen(), chosen.size());
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FollowUp onUnhappyAnswer(Customer c, String responseId, String scoreType, Integer score, String complaintId) {
        // No comment: crm.survey.unhappy-response.v1 carries none (free text stays in survey-service); the reason names
        // the response, where staff read it.
        String reason = "Unhappy survey answer" + (scoreType != null ? " (" + scoreType + " " + score + ")" : "")
                + (complaintId != null ? " about complaint " + complaintId : "") + " (response " + responseId + ")";
        return followUps.schedule(c, null, OffsetDateTime.now(clock).plus(config.followUp().urgentWithin()), reason,
                FollowUpModels.Rule.UNHAPPY_SURVEY, true, "survey-response:" + responseId);
    }
}
