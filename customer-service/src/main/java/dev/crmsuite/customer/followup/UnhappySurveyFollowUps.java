package dev.crmsuite.customer.followup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;

/**
 * Consumes {@code crm.survey.unhappy-response.v1}: a dissatisfied answer needs a reaction, so the
 * account manager gets an urgent follow-up. A merged customer's answer goes to the survivor.
 */
@ApplicationScoped
public class UnhappySurveyFollowUps implements EventSubscriber {

    static final String TYPE = "crm.survey.unhappy-response.v1";

    @Inject
    Customers customers;
    @Inject
    FollowUpRules rules;

    @Override
    public String name() {
        return "unhappy-survey-follow-ups";
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
        if (d == null || !d.hasNonNull("responseId") || !d.hasNonNull("customerId")) {
            throw new PoisonEventException(TYPE + " needs responseId and customerId");
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(d.get("customerId").asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("customerId is not a UUID: " + d.get("customerId").asText());
        }
        Customer c = customers.resolve(customerId);
        if (c == null) {
            throw new PoisonEventException("unknown customer " + customerId);
        }
        if (c.erased()) {
            return;
        }
        rules.onUnhappyAnswer(c, d.get("responseId").asText(), d.path("scoreType").asText(null),
                d.hasNonNull("score") ? d.get("score").asInt() : null, d.path("complaintId").asText(null));
    }
}
