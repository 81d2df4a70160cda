package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/** Registers customers: one row and one {@code customer.registered} event, in one transaction. */
@ApplicationScoped
public class CustomerRegistration {

    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public Customer register(NewCustomer request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        Customer.byEmail(email).ifPresent(existing -> {
            throw ProblemException.conflict("duplicate-email", "a customer with email " + email + " already exists")
                    .with("existingCustomerId", existing.id);
        });
        OffsetDateTime now = OffsetDateTime.now(clock);
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.kind = request.kind() == null ? CustomerKind.PERSON : request.kind();
        customer.displayName = request.name().trim();
        customer.email = email;
        customer.createdAt = now;
        customer.updatedAt = now;
        customer.persist();
        outbox.append(customer.id.toString(), CustomerRegistered.TYPE,
                new CustomerRegistered(customer.id, customer.kind, customer.displayName, customer.email, now));
        return customer;
    }
}
