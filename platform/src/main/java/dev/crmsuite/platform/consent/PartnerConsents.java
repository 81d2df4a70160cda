package dev.crmsuite.platform.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.EventSubscriber;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.sql.JdbcStatement;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import dev.crmsuite.platform.sql.JdbcStatement;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which customers share their data with channel partners, kept in the service's own
 * {@code partner_consent} table from {@code crm.customers} events, so each service can enforce
 * partner visibility on its own data. Unknown means no consent. A service turns it on with
 * {@code crm.partner-consents.enabled=true} and a migration that creates the table (see
 * {@code docs/security.md}); customer-service reads consent from its own customer rows instead.
 *
 * <p>Queries that list or search filter with {@link #VISIBLE_SQL}; single lookups call
 * {@link #hiddenFromCaller} and answer exactly as for an unknown id when it is true.
 */
@ApplicationScoped
@IfBuildProperty(name = "crm.partner-consents.enabled", stringValue = "true")
public class PartnerConsents implements EventSubscriber {

    /**
     * SQL condition: the customer id in {@code ?} (text) is visible to partners. Use as
     * {@code exists (select 1 from partner_consent pc where pc.customer_id = <column>::text and pc.partner_sharing and pc.merged_into is null)}.
     */
    public static final String VISIBLE_SQL =
            "exists (select 1 from partner_consent pc where pc.customer_id = %s and pc.partner_sharing and pc.merged_into is null)";

    /** The customer events that change a kept consent. */
    static final Set<String> TYPES = Set.of("crm.customer.registered.v1", "crm.customer.updated.v1",
            "crm.customer.erased.v1", "crm.customer.merged.v1");

    private final EntityManager em;
    private final Callers callers;
    /** A withdrawn consent is honoured by every replica within this time; bounded, so guesses cannot grow it. */
    private final Cache<String, Boolean> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(5)).build();

    public PartnerConsents(EntityManager em, Callers callers) {
        this.em = em;
        this.callers = callers;
    }

    /** {@link #VISIBLE_SQL} for a column holding the customer id (uuid or text). */
    public static String visibleSql(String customerIdColumn) {
        return VISIBLE_SQL.formatted(customerIdColumn + "::text");
    }

    @Override
    public String name() {
        return "partner-consents";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers");
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "crm.customer.registered.v1", "crm.customer.updated.v1" -> {
                if (data.has("consents")) {
                    upsert(event.subject(), data.path("consents").path("partnerSharing").asBoolean(false), null, event);
                }
            }
            case "crm.customer.erased.v1" -> upsert(event.subject(), false, null, event);
            case "crm.customer.merged.v1" -> {
                upsert(data.path("sourceCustomerId").asText(), false, event.subject(), event);
                cache.invalidate(data.path("sourceCustomerId").asText());
            }
            default -> {
            }
        }
        cache.invalidate(event.subject());
    }

    /** Whether partners may see this customer (blocking: may read the database). */
    public boolean sharedWithPartners(String customerId) {
        if (customerId == null) {
            return false;
        }
        String id = customerId.trim().toLowerCase();
        return cache.get(id, this::load);
    }

    /**
     * Whether the current caller is a partner and this customer did not consent: the caller must
     * then get exactly the answer an unknown id gets.
     */
    public boolean hiddenFromCaller(String customerId) {
        return callers.partnerCalling() && !sharedWithPartners(customerId);
    }

    /**
     * Plain JDBC: a partner's read of a random customer misses the cache (5 s) and pays this look-up,
     * and Hibernate's cost per native query (its result mapping) was most of such a small read.
     */
    private boolean load(String customerId) {
        return JdbcStatement.of("select partner_sharing from partner_consent where customer_id = ?1 and merged_into is null",
                List.of(customerId)).list(em, row -> row.getBoolean(1)).stream().findFirst().orElse(false);
    }

    private void upsert(String customerId, boolean sharing, String mergedInto, CloudEvent event) {
        em.createNativeQuery("""
                        insert into partner_consent (customer_id, partner_sharing, merged_into, updated_at)
                        values (?1, ?2, ?3, ?4)
                        on conflict (customer_id) do update set partner_sharing = excluded.partner_sharing,
                            merged_into = excluded.merged_into, updated_at = excluded.updated_at""")
                .setParameter(1, customerId).setParameter(2, sharing).setParameter(3, mergedInto)
                .setParameter(4, event.time()).executeUpdate();
    }
}
