package dev.crmsuite.loyalty.goodwill;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Goodwill for complaints: a resolved complaint that carries compensation points credits a GOODWILL
 * entry, if the per-complaint and monthly budgets allow; otherwise the request is kept as REFUSED
 * with the reason. One request per complaint id, so a redelivered or re-resolved complaint never
 * pays twice.
 */
@ApplicationScoped
public class Goodwill implements EventSubscriber {

    static final String RESOLVED = "crm.complaint.resolved.v1";

    @Inject
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    LoyaltyConfig config;
    @Inject
    Clock clock;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolved(String complaintId, UUID customerId, Long compensationPoints) {
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
        if (em.find(GoodwillRequest.class, resolved.complaintId()) != null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LoyaltyAccount account = accounts.lockLive(resolved.customerId());
        if (account == null) {
            accounts.open(resolved.customerId(), now);
            account = accounts.lockLive(resolved.customerId());
        }
        GoodwillRequest request = new GoodwillRequest();
        request.complaintId = resolved.complaintId();
        request.customerId = account.customerId;
        request.requestedPoints = resolved.compensationPoints();
        request.requestedAt = now;
        GoodwillBudget.Verdict verdict = account.active()
                ? new GoodwillBudget(config.goodwill().maxPerComplaint(), config.goodwill().maxPerMonth())
                        .check(request.requestedPoints, grantedThisMonth(account.customerId, now))
                : new GoodwillBudget.Verdict(false, "the loyalty account is " + account.status);
        if (verdict.granted()) {
            request.status = "GRANTED";
            request.grantedPoints = request.requestedPoints;
            request.entryId = ledger.credit(account, EntryKind.GOODWILL, request.requestedPoints,
                    "compensation for complaint " + resolved.complaintId(), "complaint:" + resolved.complaintId(), null).entry().id;
        } else {
            request.status = "REFUSED";
            request.reason = verdict.reason();
        }
        request.persist();
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
