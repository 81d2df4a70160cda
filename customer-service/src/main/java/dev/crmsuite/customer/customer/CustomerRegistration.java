package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.history.History;
import dev.crmsuite.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Registers customers: one row and one {@code customer.registered} event, in one transaction. */
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
        history.record(customer.id, "registered", null, CustomerSnapshot.of(customer));
        outbox.append(customer.id.toString(), CustomerRegistered.TYPE, new CustomerRegistered(CustomerSnapshot.of(customer), now));
        return customer;
    }
}
