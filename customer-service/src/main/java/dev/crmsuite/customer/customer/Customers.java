package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

import java.util.UUID;

/**
 * Finds customers by id: 404 when unknown, a redirect to the survivor when merged. A customer hidden
 * from a partner caller ({@link PartnerVisibility}) is unknown to them: the same 404, before any
 * write, and no redirect that would name the survivor.
 */
@ApplicationScoped
public class Customers {

    @Inject
    SessionFactory sessionFactory;
    @Inject
    PartnerVisibility visibility;

    public Customer require(UUID id) {
        return live(id, Customer.findById(id));
    }

    /** The same, with a row lock: for writes whose rules read other rows (value, stage, merge). */
    public Customer lock(UUID id) {
        return live(id, Customer.findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * {@link #require} for an answer that only reads the customer: a stateless session loads the row
     * without a persistence context to register it in, snapshot it for dirty checking and close,
     * which was most of a GET's cost in the JVM. The entity is detached; do not change it.
     */
    public Customer read(UUID id) {
        try (StatelessSession session = sessionFactory.openStatelessSession()) {
            return live(id, session.get(Customer.class, id));
        }
    }

    /** 404 when there is no such customer (or the caller may not see it), a redirect to the survivor when it was merged. */
    private Customer live(UUID id, Customer c) {
        if (c == null || visibility.hidden(c)) {
            throw ProblemException.notFound("customer", id);
        }
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
