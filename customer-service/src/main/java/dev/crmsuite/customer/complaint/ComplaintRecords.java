package dev.crmsuite.customer.complaint;

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
 * Keeps when each complaint about one of our customers was filed and resolved, from complaint-service's
 * {@code crm.complaint.filed.v1} and {@code crm.complaint.resolved.v1}, for the account-manager
 * scorecard. A consumer of its own (not the timeline's): its consumer group starts at the beginning
 * of {@code crm.complaints}, so complaints filed before this existed are counted too.
 *
 * <p>One row per complaint, written with an upsert: a redelivered event, or the same fact under a new
 * event id, changes nothing. A re-resolution after a reopening keeps the latest resolution time.
 * Events naming a merged customer go to the survivor; events about customers we do not know are
 * skipped, as for the timeline: there is no account manager to count them for.
 */
@ApplicationScoped
public class ComplaintRecords implements EventSubscriber {

    static final String FILED = "crm.complaint.filed.v1";
    static final String RESOLVED = "crm.complaint.resolved.v1";

    private final EntityManager em;
    private final Customers customers;

    public ComplaintRecords(EntityManager em, Customers customers) {
        this.em = em;
        this.customers = customers;
    }

    @Override
    public String name() {
        return "customer-complaint-records";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.complaints");
    }

    @Override
    public boolean handles(String eventType) {
        return FILED.equals(eventType) || RESOLVED.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (!handles(event.type())) {
            return;
        }
        JsonNode d = event.data();
        if (d == null) {
            throw new PoisonEventException(event.type() + " has no data");
        }
        UUID complaintId;
        try {
            complaintId = UUID.fromString(d.path("complaintId").asText(""));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(event.type() + ": complaintId must be a UUID");
        }
        Customer customer = customerOf(d.path("customerId").asText(event.subject()));
        if (customer == null) {
            return;
        }
        if (FILED.equals(event.type())) {
            em.createNativeQuery("""
                            insert into complaint_record (complaint_id, customer_id, filed_at) values (?1, ?2, ?3)
                            on conflict (complaint_id) do update set customer_id = excluded.customer_id, filed_at = excluded.filed_at""")
                    .setParameter(1, complaintId).setParameter(2, customer.id).setParameter(3, time(d, "filedAt", event))
                    .executeUpdate();
        } else {
            em.createNativeQuery("""
                            insert into complaint_record (complaint_id, customer_id, resolved_at) values (?1, ?2, ?3)
                            on conflict (complaint_id) do update set customer_id = excluded.customer_id,
                              resolved_at = greatest(complaint_record.resolved_at, excluded.resolved_at)""")
                    .setParameter(1, complaintId).setParameter(2, customer.id).setParameter(3, time(d, "resolvedAt", event))
                    .executeUpdate();
        }
    }

    /** The surviving customer the id names, or null for an id that is not one of ours. */
    private Customer customerOf(String id) {
        try {
            return customers.resolve(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The time the data states; the event's own time for producers that left it out. */
    private static OffsetDateTime time(JsonNode d, String field, CloudEvent event) {
        if (d.hasNonNull(field)) {
            try {
                return OffsetDateTime.parse(d.get(field).asText());
            } catch (DateTimeParseException e) {
                throw new PoisonEventException(event.type() + ": " + field + " must be a date-time");
            }
        }
        if (event.time() == null) {
            throw new PoisonEventException(event.type() + ": no " + field + " and no event time");
        }
        return event.time();
    }
}
