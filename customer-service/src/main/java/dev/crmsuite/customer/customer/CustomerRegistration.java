package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Registers customers: one row, one {@code customer.registered} event (no personal data) and the
 * profile's personal record, in one transaction.
 */
@ApplicationScoped
public class CustomerRegistration {

    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    ProfileEditor editor;
    @Inject
    History history;
    @Inject
    EntityManager em;
    @Inject
    PersonalData personalData;

    @Transactional(Transactional.TxType.MANDATORY)
    public Customer register(CustomerProfile request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        editor.apply(customer, request, true);
        customer.stage = "PROSPECT";
        customer.stageChangedAt = now;
        customer.stageReason = "registered";
        customer.createdAt = now;
        customer.updatedAt = now;
        customer.persist();
        em.flush();
        editor.indexEmails(customer);
        // The history keeps what was registered, contact points included (erasure clears history values).
        ObjectNode registered = EventJson.MAPPER.valueToTree(CustomerSnapshot.of(customer));
        registered.put("name", customer.displayName).put("email", customer.email).put("phone", customer.phone);
        history.record(customer.id, "registered", null, registered);
        outbox.append(customer.id.toString(), CustomerRegistered.TYPE, new CustomerRegistered(CustomerSnapshot.of(customer), now));
        CustomerPersonalData.record(personalData, customer);
        return customer;
    }
}
