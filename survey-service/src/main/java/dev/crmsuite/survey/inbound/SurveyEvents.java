package dev.crmsuite.survey.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.survey.contact.ContactLog;
import dev.crmsuite.survey.customer.KnownCustomers;
import dev.crmsuite.survey.invitation.Invitations;
import dev.crmsuite.survey.survey.SurveyStore;
import dev.crmsuite.survey.survey.TriggerKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the survey service learns from the other services: the customer copy (consent,
 * segment, tiers, stage), the trigger events that create invitations, the campaign deliveries that
 * count against the contact budget, and erasures and merges.
 * One subscriber, so the events of one customer are applied in their partition order.
 */
@ApplicationScoped
public class SurveyEvents implements EventSubscriber {

    /** A campaign delivery customer-service requested: a contact that counts against the suite's one budget. */
    static final String CAMPAIGN_DELIVERY_REQUESTED = "crm.campaign.delivery-requested.v1";

    /** The types {@link #handle} acts on (its cases); the rest of the three topics is not ours. */
    static final Set<String> TYPES = Set.of("crm.customer.registered.v1", "crm.customer.updated.v1",
            "crm.customer.segment-changed.v1", "crm.customer.stage-changed.v1", "crm.account.opened.v1",
            "crm.tier.changed.v1", "crm.customer.marked-lost.v1", "crm.purchase.recorded.v1",
            "crm.complaint.resolved.v1", "crm.customer.erased.v1", "crm.customer.merged.v1",
            CAMPAIGN_DELIVERY_REQUESTED);

    @Inject
    KnownCustomers customers;
    @Inject
    SurveyStore surveys;
    @Inject
    Invitations invitations;
    @Inject
    ContactLog contactLog;
    @Inject
    Clock clock;
    @Inject
    PersonalData personalData;

    @Override
    public String name() {
        return "survey-inbound";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers", "crm.loyalty", "crm.complaints");
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data() == null ? EMPTY : event.data();
        Instant now = clock.instant();
        switch (event.type()) {
            case "crm.customer.registered.v1", "crm.customer.updated.v1" -> {
                JsonNode consent = data.path("consents").path("marketing");
                Instant registeredAt = instant(data, "registeredAt");
                if (registeredAt == null && event.type().equals("crm.customer.registered.v1")) {
                    registeredAt = eventTime(event);
                }
                UUID id = customerId(event, data, "customerId");
                customers.applySnapshot(id, consent.isBoolean() ? consent.asBoolean() : null, text(data, "segment"),
                        text(data, "valueTier"), text(data, "stage"), registeredAt, now);
                if (consent.isBoolean() && !consent.asBoolean()) {
                    // Withdrawn consent stops what was not sent yet, at once, in this transaction.
                    invitations.withdrawUnsent(id, now);
                }
            }
            case "crm.customer.segment-changed.v1" ->
                    customers.setSegment(customerId(event, data, "customerId"), text(data, "segment"), text(data, "valueTier"), now);
            case "crm.customer.stage-changed.v1" ->
                    customers.setStage(customerId(event, data, "customerId"), text(data, "stage"), now);
            case "crm.account.opened.v1", "crm.tier.changed.v1" ->
                    customers.setLoyaltyTier(customerId(event, data, "customerId"), text(data, "tier"), now);
            case "crm.customer.marked-lost.v1" -> {
                UUID customer = customerId(event, data, "customerId");
                customers.setStage(customer, "LOST", now);
                trigger(TriggerKind.CUSTOMER_MARKED_LOST, event, customer, null, instant(data, "lostAt"), null);
            }
            case "crm.purchase.recorded.v1" -> {
                BigDecimal amount = data.path("amount").isNumber() ? data.path("amount").decimalValue() : null;
                trigger(TriggerKind.PURCHASE_RECORDED, event, customerId(event, data, "customerId"), null,
                        instant(data, "purchasedAt"), amount);
            }
            case "crm.complaint.resolved.v1" -> trigger(TriggerKind.COMPLAINT_RESOLVED, event,
                    customerId(event, data, "customerId"), uuid(data, "complaintId"), instant(data, "resolvedAt"), null);
            case CAMPAIGN_DELIVERY_REQUESTED -> {
                UUID deliveryId = uuid(data, "deliveryId");
                if (deliveryId == null) {
                    throw new PoisonEventException(CAMPAIGN_DELIVERY_REQUESTED + " needs deliveryId");
                }
                Instant requestedAt = instant(data, "requestedAt");
                // Idempotent on the delivery id: a redelivered event (or a second copy) counts once.
                contactLog.record(ContactLog.CAMPAIGN_DELIVERY, deliveryId.toString(), customerId(event, data, "customerId"),
                        requestedAt != null ? requestedAt : eventTime(event));
            }
            case "crm.customer.erased.v1" -> {
                UUID customer = customerId(event, data, "customerId");
                invitations.withdrawUnsent(customer, now); // before erase() unlinks them from the customer
                customers.erase(customer, now);
                contactLog.erase(customer);
                // Tombstones whatever survey-service ever put on crm.surveys.personal for the customer: nothing
                // today (no survey event carries free text), so a record added later is erased too.
                personalData.erase(customer);
            }
            case "crm.customer.merged.v1" -> {
                UUID source = uuid(data, "sourceCustomerId");
                UUID target = uuid(data, "targetCustomerId");
                if (source == null || target == null) {
                    throw new PoisonEventException("crm.customer.merged.v1 needs sourceCustomerId and targetCustomerId");
                }
                customers.merge(source, target, now);
                contactLog.merge(source, target);
            }
            default -> {
                // Not ours to act on.
            }
        }
    }

    private void trigger(TriggerKind kind, CloudEvent event, UUID customer, UUID complaintId, Instant occurredAt,
                         BigDecimal amount) {
        Instant when = occurredAt != null ? occurredAt : eventTime(event);
        for (SurveyStore.ActiveTrigger survey : surveys.activeTriggers(kind)) {
            if (survey.minimumAmount() != null && (amount == null || amount.compareTo(survey.minimumAmount()) < 0)) {
                continue; // below the survey's threshold: not a trigger for it at all
            }
            invitations.offer(survey, new Invitations.Trigger(event.id(), event.type(), customer, complaintId, when));
        }
    }

    private Instant eventTime(CloudEvent event) {
        return event.time() != null ? event.time().toInstant() : clock.instant();
    }

    private static UUID customerId(CloudEvent event, JsonNode data, String field) {
        UUID id = uuid(data, field);
        if (id != null) {
            return id;
        }
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(event.type() + " names no customer id");
        }
    }

    private static UUID uuid(JsonNode data, String field) {
        String value = text(data, field);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(field + " is not a UUID: " + value);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Instant instant(JsonNode data, String field) {
        String value = text(data, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            throw new PoisonEventException(field + " is not an ISO 8601 time: " + value);
        }
    }

    private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
}
