package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.customer.touchpoint.Touchpoint;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a delivered campaign message or an attended event as a touchpoint, the way a logged one is
 * written (touchpoint row, timeline entry, crm.touchpoint.logged.v1, lifecycle refresh), so the
 * customer's story, the lifecycle rules and the consumers of touchpoints see campaigns like any contact.
 */
@ApplicationScoped
public class CampaignTouchpoints {

    private final Customers customers;
    private final Timeline timeline;
    private final Lifecycle lifecycle;
    private final Outbox outbox;
    private final PersonalData personalData;

    public CampaignTouchpoints(Customers customers, Timeline timeline, Lifecycle lifecycle, Outbox outbox, PersonalData personalData) {
        this.customers = customers;
        this.timeline = timeline;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.personalData = personalData;
    }

    /**
     * Adds the touchpoint to the customer the delivery was made to, or to the survivor when that record
     * was merged since; an erased customer gets none (there is no story to add to).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID customerId, TouchpointModels.Channel channel, TouchpointModels.Direction direction,
                       OffsetDateTime at, String staff, String summary) {
        Customer found = customers.resolve(customerId);
        if (found == null || found.erasedAt != null) {
            return;
        }
        Customer c = Customer.findById(found.id, LockModeType.PESSIMISTIC_WRITE);
        TouchpointModels.Phase phase = CampaignTouchpointRules.phaseOf(c.stage);
        Touchpoint t = new Touchpoint();
        t.id = UUID.randomUUID();
        t.customerId = c.id;
        t.channel = channel.name();
        t.direction = direction.name();
        t.phase = phase.name();
        t.staff = staff;
        t.occurredAt = at;
        t.summary = summary;
        t.persist();
        timeline.add(c.id, at, "TOUCHPOINT", t.id.toString(), channel + " " + direction + " (" + phase + "): " + summary,
                Map.of("channel", t.channel, "direction", t.direction, "phase", t.phase, "staff", t.staff));
        outbox.append(c.id.toString(), TouchpointModels.Logged.TYPE,
                new TouchpointModels.Logged(t.id, c.id, channel, direction, phase, t.staff, at));
        if (summary != null) {
            personalData.record(c.id, TouchpointModels.Personal.THING, t.id.toString(), TouchpointModels.Personal.of(t));
        }
        Touchpoint.getEntityManager().flush();
        lifecycle.refresh(c);
    }
}
