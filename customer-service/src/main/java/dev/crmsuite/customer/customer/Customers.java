package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/** Finds customers by id: 404 when unknown, a redirect to the survivor when merged. */
@ApplicationScoped
public class Customers {

    public Customer require(UUID id) {
        Customer c = Customer.<Customer>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("customer", id));
        if (c.mergedInto != null) {
            throw new CustomerMergedException(id, c.mergedInto);
        }
        return c;
    }

    /** The same, with a row lock: for writes whose rules read other rows (value, stage, merge). */
    public Customer lock(UUID id) {
        Customer c = Customer.<Customer>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("customer", id));
        if (c.mergedInto != null) {
            throw new CustomerMergedException(id, c.mergedInto);
        }
        return c;
    }

    /** Follows a merge to the surviving customer (for events naming an old id); null when unknown. */
    public Customer resolve(UUID id) {
        Customer c = Customer.findById(id);
        for (int hops = 0; c != null && c.mergedInto != null && hops < 10; hops++) {
            c = Customer.findById(c.mergedInto);
        }
        return c;
    }
}
