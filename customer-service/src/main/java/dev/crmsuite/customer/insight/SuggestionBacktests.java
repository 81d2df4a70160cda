package dev.crmsuite.customer.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.platform.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads every live customer's baskets in time order for {@link SuggestionBacktest}. The whole history
 * is held in memory: an admin's measurement on this installation's size, not a request path.
 */
@ApplicationScoped
public class SuggestionBacktests {

    private final EntityManager em;
    private final InsightConfig config;

    public SuggestionBacktests(EntityManager em, InsightConfig config) {
        this.em = em;
        this.config = config;
    }

    public SuggestionBacktest.Result run() {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select p.customer_id as customer, c.segment as segment, cast(jsonb_agg(distinct i ->> 'sku') as text) as skus
                from purchase p join customer c on c.id = p.customer_id and c.merged_into is null and c.erased_at is null
                cross join lateral jsonb_array_elements(case when jsonb_typeof(p.items) = 'array' then p.items else '[]' end) i
                where p.refunded_amount < p.amount and i ->> 'sku' is not null
                group by p.customer_id, c.segment, p.id, p.purchased_at
                order by p.customer_id, p.purchased_at, p.id""", Tuple.class).getResultList();
        List<SuggestionBacktest.CustomerBaskets> customers = new ArrayList<>();
        UUID current = null;
        String segment = null;
        List<Set<String>> baskets = new ArrayList<>();
        for (Tuple t : rows) {
            UUID id = t.get("customer", UUID.class);
            if (!id.equals(current)) {
                if (current != null) {
                    customers.add(new SuggestionBacktest.CustomerBaskets(current, segment, baskets));
                }
                current = id;
                segment = t.get("segment", String.class);
                baskets = new ArrayList<>();
            }
            try {
                baskets.add(new LinkedHashSet<>(EventJson.MAPPER.readValue(t.get("skus", String.class), new TypeReference<List<String>>() { })));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("basket unreadable", e);
            }
        }
        if (current != null) {
            customers.add(new SuggestionBacktest.CustomerBaskets(current, segment, baskets));
        }
        return SuggestionBacktest.run(customers, config.suggestions().minBasketsTogether());
    }
}
