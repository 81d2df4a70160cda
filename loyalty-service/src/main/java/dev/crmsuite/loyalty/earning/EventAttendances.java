package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.platform.events.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Points for attended campaign events, by the EVENT_ATTENDANCE rule of the earning rules in force
 * when the customer attended. Once per delivery id (the {@code event_attendance} row's primary key),
 * so a redelivered or republished attendance never earns twice. A customer without an account is
 * treated like a purchase's: membership starts now. The points are an EARN entry
 * ({@code crm.points.earned.v1}, sourceRef {@code attendance:<deliveryId>}); they do not qualify for
 * tiers, which count purchases only.
 */
@ApplicationScoped
public class EventAttendances {

    private static final Logger LOG = Logger.getLogger(EventAttendances.class);

    private final EntityManager em;
    private final Accounts accounts;
    private final Ledger ledger;
    private final RuleSets ruleSets;
    private final Clock clock;

    @Inject
    public EventAttendances(EntityManager em, Accounts accounts, Ledger ledger, RuleSets ruleSets, Clock clock) {
        this.em = em;
        this.accounts = accounts;
        this.ledger = ledger;
        this.ruleSets = ruleSets;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(AttendanceEvents.Recorded attendance) {
        if (attendance.deliveryId() == null || attendance.customerId() == null) {
            throw new PoisonEventException("attendance-recorded needs deliveryId and customerId");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime attendedAt = attendance.attendedAt() == null || attendance.attendedAt().isAfter(now)
                ? now : attendance.attendedAt().withOffsetSameInstant(ZoneOffset.UTC);
        LoyaltyAccount account = accounts.lockLive(attendance.customerId());
        if (account == null) {
            // As for a purchase: the registration has not reached us (or predates this service).
            accounts.open(attendance.customerId(), now);
            account = accounts.lockLive(attendance.customerId());
        }
        int inserted = em.createNativeQuery("""
                        insert into event_attendance (delivery_id, campaign_id, customer_id, event_title, attended_at, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (delivery_id) do nothing""")
                .setParameter(1, attendance.deliveryId()).setParameter(2, attendance.campaignId())
                .setParameter(3, account.customerId).setParameter(4, attendance.eventTitle())
                .setParameter(5, attendedAt).setParameter(6, now)
                .executeUpdate();
        if (inserted == 0) {
            LOG.infof("attendance of delivery %s already handled; ignoring the repeat", attendance.deliveryId());
            return;
        }
        if (!account.active()) {
            return; // kept for history, but a closed account earns nothing
        }
        RuleSets.InForce rules = ruleSets.inForceAt(attendedAt);
        em.createNativeQuery("update event_attendance set rule_version = ?2 where delivery_id = ?1")
                .setParameter(1, attendance.deliveryId()).setParameter(2, rules.version()).executeUpdate();
        // Like a purchase, an attendance is a fact, not a request: it earns what still fits under the balance maximum.
        long points = Math.min(rules.rules().attendancePoints(), Ledger.roomFor(account));
        if (points <= 0) {
            return; // no EVENT_ATTENDANCE rule in force when they attended
        }
        String title = attendance.eventTitle() == null || attendance.eventTitle().isBlank() ? "a campaign event"
                : attendance.eventTitle().length() > 200 ? attendance.eventTitle().substring(0, 200) + "…" : attendance.eventTitle();
        Ledger.Posting posting = ledger.credit(account, EntryKind.EARN, points, "attended " + title,
                "attendance:" + attendance.deliveryId(), "rules-v" + rules.version(), attendedAt);
        em.createNativeQuery("update event_attendance set points_awarded = ?2, earn_entry_id = ?3 where delivery_id = ?1")
                .setParameter(1, attendance.deliveryId()).setParameter(2, points).setParameter(3, posting.entry().id)
                .executeUpdate();
    }
}
