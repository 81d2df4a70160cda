package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Customers by id for an answer that only reads them (a search page), in the order of the ids, null
     * for an id without a row; no visibility or merge check: the caller's statement made them (package
     * private so that only the list's statements, which carry partner visibility, can feed it). One
     * statement through a stateless session, as {@link #read}. Not {@code StatelessSession.getMultiple}:
     * Hibernate builds and translates a multi-load's SQL anew on every call (a quarter of
     * customer-service's CPU under exact-email searches, JFR 2026-12-05), and a query with a list
     * parameter is never put in its query plan cache; a query string with single parameters is
     * translated once. The ids are padded to a power of two (repeating the last one) so that nine
     * strings serve every page size.
     */
    List<Customer> readAll(List<UUID> ids) {
        Map<UUID, Customer> found = new HashMap<>();
        try (StatelessSession session = sessionFactory.openStatelessSession()) {
            for (int from = 0; from < ids.size(); from += MAX_IDS_PER_STATEMENT) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_STATEMENT));
                int slots = Integer.highestOneBit(chunk.size()) == chunk.size() ? chunk.size() : Integer.highestOneBit(chunk.size()) << 1;
                var query = session.createSelectionQuery(BY_IDS[Integer.numberOfTrailingZeros(slots)], Customer.class);
                for (int i = 0; i < slots; i++) {
                    query.setParameter(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                for (Customer c : query.getResultList()) {
                    found.put(c.id, c);
                }
            }
        }
        List<Customer> inOrder = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            inOrder.add(found.get(id));
        }
        return inOrder;
    }

    /** The most ids one statement of {@link #readAll} asks for: a search page is at most 201. */
    static final int MAX_IDS_PER_STATEMENT = 256;

    /** "from Customer c where c.id in (?1, ..., ?n)" for n = 1, 2, 4, ... 256, indexed by log2 n. */
    private static final String[] BY_IDS = byIds();

    private static String[] byIds() {
        String[] statements = new String[Integer.numberOfTrailingZeros(MAX_IDS_PER_STATEMENT) + 1];
        for (int k = 0; k < statements.length; k++) {
            StringBuilder hql = new StringBuilder("from Customer c where c.id in (");
            for (int i = 1; i <= 1 << k; i++) {
                hql.append(i > 1 ? ", ?" : "?").append(i);
            }
            statements[k] = hql.append(")").toString();
        }
        return statements;
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
