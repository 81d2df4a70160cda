package dev.crmsuite.loyalty.goodwill;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import dev.crmsuite.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Goodwill for complaints: a resolved complaint that carries compensation points credits a GOODWILL
 * entry, if the per-complaint and monthly budgets allow; otherwise the request is kept as REFUSED
 * with the reason. Either way the decision is published ({@code crm.goodwill.decided.v1}) so
 * complaint-service can show the handler what was granted or refused, and why. One request per
 * complaint id, so a redelivered or re-resolved complaint never decides, pays or publishes twice.
 */
@ApplicationScoped
public class Goodwill implements EventSubscriber {

    static final String RESOLVED = "crm.complaint.resolved.v1";
    static final String GRANTED = "GRANTED";
    static final String REFUSED = "REFUSED";

    private final EntityManager em;
    private final Accounts accounts;
    private final Ledger ledger;
    private final LoyaltyConfig config;
    private final Outbox outbox;
    private final Clock clock;

    public Goodwill(EntityManager em, Accounts accounts, Ledger ledger, LoyaltyConfig config, Outbox outbox, Clock clock) {
        this.em = em;
        this.accounts = accounts;
        this.ledger = ledger;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolved(UUID complaintId, UUID customerId, Long compensationPoints) {
    }

    @Override
    public String name() {
        return "loyalty-goodwill";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.complaints");
    }

    @Override
    public boolean handles(String eventType) {
        return RESOLVED.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (!RESOLVED.equals(event.type())) {
            return;
        }
        Resolved resolved = EventJson.data(event, Resolved.class);
        if (resolved.compensationPoints() == null || resolved.compensationPoints() <= 0) {
            return;
        }
        if (resolved.complaintId() == null || resolved.customerId() == null) {
            throw new PoisonEventException("complaint.resolved needs complaintId and customerId");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LoyaltyAccount account = accounts.lockLive(resolved.customerId());
        if (account == null) {
            accounts.open(resolved.customerId(), now);
            account = accounts.lockLive(resolved.customerId());
        }
        // Asked under the account lock: two deliveries of one complaint's resolution queue on it, and the
        // second finds the first's decision instead of deciding (and publishing) again.
        String complaintId = resolved.complaintId().toString();
        if (em.find(GoodwillRequest.class, complaintId) != null) {
            return;
        }
        GoodwillRequest request = new GoodwillRequest();
        request.complaintId = complaintId;
        request.customerId = account.customerId;
        request.requestedPoints = resolved.compensationPoints();
        request.requestedAt = now;
        GoodwillBudget.Verdict verdict = account.active()
                ? new GoodwillBudget(config.goodwill().maxPerComplaint(), config.goodwill().maxPerMonth())
                        .check(request.requestedPoints, grantedThisMonth(account.customerId, now), Ledger.roomFor(account))
                : new GoodwillBudget.Verdict(false, "the loyalty account is " + account.status);
        if (verdict.granted()) {
            request.status = GRANTED;
            request.grantedPoints = request.requestedPoints;
            request.entryId = ledger.credit(account, EntryKind.GOODWILL, request.requestedPoints,
                    "compensation for complaint " + complaintId, "complaint:" + complaintId, null).entry().id;
        } else {
            request.status = REFUSED;
            request.reason = verdict.reason();
        }
        request.persist();
        outbox.append(account.customerId.toString(), LoyaltyEvents.GOODWILL_DECIDED, new LoyaltyEvents.GoodwillDecided(
                resolved.complaintId(), account.customerId, request.requestedPoints, request.status, request.grantedPoints,
                request.reason, request.entryId, now));
    }

    /** Runs under the account lock, so two complaints of one customer cannot both fit the last of the budget. */
    private long grantedThisMonth(UUID customerId, OffsetDateTime now) {
        OffsetDateTime monthStart = now.withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
        Number sum = (Number) em.createQuery("""
                        select coalesce(sum(g.grantedPoints), 0) from GoodwillRequest g
                        where g.customerId = ?1 and g.requestedAt >= ?2""")
                .setParameter(1, customerId).setParameter(2, monthStart).getSingleResult();
        return sum.longValue();
    }
}
