package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes survey-service's {@code crm.survey.invitation.created.v1} into the contact log: a survey
 * invitation is a contact like a campaign delivery, and one budget covers both (docs/campaigns.md,
 * "Contact budget"). It counts from when it is sent ({@code sendAt}). Keyed by the invitation id, so a
 * redelivered event counts once; a merged-away customer's contact counts for the survivor.
 */
@ApplicationScoped
public class SurveyInvitationContacts implements EventSubscriber {

    static final String TYPE = "crm.survey.invitation.created.v1";
    static final String SOURCE = "survey";

    private final EntityManager em;
    private final Customers customers;

    public SurveyInvitationContacts(EntityManager em, Customers customers) {
        this.em = em;
        this.customers = customers;
    }

    @Override
    public String name() {
        return "survey-invitation-contacts";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.surveys");
    }

    @Override
    public boolean handles(String eventType) {
        return TYPE.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (!TYPE.equals(event.type())) {
            return;
        }
        JsonNode d = event.data();
        if (d == null || !d.hasNonNull("invitationId") || !d.hasNonNull("customerId")) {
            throw new PoisonEventException(TYPE + " needs invitationId and customerId");
        }
        UUID customerId;
        OffsetDateTime at;
        try {
            customerId = UUID.fromString(d.get("customerId").asText());
            // sendAt is when the customer is contacted; older events without it count from the event's time.
            at = d.hasNonNull("sendAt") ? OffsetDateTime.parse(d.get("sendAt").asText()) : event.time();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonEventException(TYPE + " has a malformed customerId or sendAt: " + e.getMessage());
        }
        Customer c = customers.resolve(customerId);
        em.createNativeQuery("""
                        insert into contact_log (source, source_id, customer_id, contacted_at) values (?1, ?2, ?3, ?4)
                        on conflict do nothing""")
                .setParameter(1, SOURCE).setParameter(2, d.get("invitationId").asText())
                .setParameter(3, c == null ? customerId : c.id).setParameter(4, at).executeUpdate();
    }
}
