package dev.crmsuite.customer.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes {@code crm.survey.exit-reasons.recorded.v1}: the reasons a lost customer chose in the exit
 * survey, kept per response so the lost-customer analysis can show them beside the reason codes
 * staff recorded. Stored once per response (a redelivery, or the same response under a new event id,
 * changes nothing). A merged customer's answer goes to the survivor; an answer about a customer we do
 * not know is skipped, like every event that only adds to what we know about a customer.
 */
@ApplicationScoped
public class ExitSurveyReasons implements EventSubscriber {

    static final String TYPE = "crm.survey.exit-reasons.recorded.v1";

    private final EntityManager em;
    private final Customers customers;

    public ExitSurveyReasons(EntityManager em, Customers customers) {
        this.em = em;
        this.customers = customers;
    }

    @Override
    public String name() {
        return "customer-exit-survey-reasons";
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
        if (d == null) {
            throw new PoisonEventException(TYPE + " has no data");
        }
        UUID responseId = uuid(d, "responseId");
        UUID surveyId = uuid(d, "surveyId");
        UUID customerId = uuid(d, "customerId");
        JsonNode chosen = d.path("reasons");
        if (!chosen.isArray()) {
            throw new PoisonEventException(TYPE + ": reasons must be an array of strings");
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (JsonNode reason : chosen) {
            if (!reason.isTextual() || reason.asText().isBlank()) {
                throw new PoisonEventException(TYPE + ": reasons must be an array of strings");
            }
            reasons.add(reason.asText());
        }
        OffsetDateTime submittedAt;
        try {
            submittedAt = OffsetDateTime.parse(d.path("submittedAt").asText(""));
        } catch (DateTimeParseException e) {
            throw new PoisonEventException(TYPE + ": submittedAt must be a date-time");
        }
        Customer customer = customers.resolve(customerId);
        if (customer == null) {
            return;
        }
        em.createNativeQuery("""
                        insert into exit_survey_response (response_id, customer_id, survey_id, reasons, submitted_at)
                        values (?1, ?2, ?3, cast(?4 as jsonb), ?5) on conflict (response_id) do nothing""")
                .setParameter(1, responseId).setParameter(2, customer.id).setParameter(3, surveyId)
                .setParameter(4, EventJson.write(reasons)).setParameter(5, submittedAt)
                .executeUpdate();
    }

    private static UUID uuid(JsonNode d, String field) {
        try {
            return UUID.fromString(d.path(field).asText(""));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(TYPE + ": " + field + " must be a UUID");
        }
    }
}
