package dev.crmsuite.customer.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.platform.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads every live customer's baskets in time order for {@link SuggestionBacktest}, 1,000 customers
 * at a time and twice (training, then scoring), so what it holds is one page of baskets and the
 * model, whose size follows the product catalogue. Reading the whole history at once (as this once
 * did) ended the service at a million customers with an OutOfMemoryError.
 */
@ApplicationScoped
public class SuggestionBacktests {

    private static final int PAGE = 1000;

    private final EntityManager em;
    private final InsightConfig config;

    public SuggestionBacktests(EntityManager em, InsightConfig config) {
        this.em = em;
        this.config = config;
    }

    /** {@link #run} outside any request, for a background run: its own request context for the reads. */
    @ActivateRequestContext
    public SuggestionBacktest.Result runDetached() {
        return run();
    }

    public SuggestionBacktest.Result run() {
        SuggestionBacktest.Training training = new SuggestionBacktest.Training();
        eachCustomer(training::add);
        SuggestionBacktest.Scoring scoring = training.scoring(config.suggestions().minBasketsTogether());
        eachCustomer(scoring::add);
        return scoring.result();
    }

    private void eachCustomer(Consumer<SuggestionBacktest.CustomerBaskets> sink) {
        UUID after = new UUID(0, 0);
        while (true) {
            @SuppressWarnings("unchecked")
            List<UUID> page = em.createNativeQuery("""
                    select c.id from customer c where c.id > ?1 and c.merged_into is null and c.erased_at is null
                    order by c.id limit ?2""", UUID.class).setParameter(1, after).setParameter(2, PAGE).getResultList();
            if (page.isEmpty()) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<Tuple> rows = em.createNativeQuery("""
                    select p.customer_id as customer, c.segment as segment, cast(jsonb_agg(distinct i ->> 'sku') as text) as skus
                    from purchase p join customer c on c.id = p.customer_id and c.merged_into is null and c.erased_at is null
                    cross join lateral jsonb_array_elements(case when jsonb_typeof(p.items) = 'array' then p.items else '[]' end) i
                    where p.customer_id > ?1 and p.customer_id <= ?2
                      and p.refunded_amount < p.amount and i ->> 'sku' is not null
                    group by p.customer_id, c.segment, p.id, p.purchased_at
                    order by p.customer_id, p.purchased_at, p.id""", Tuple.class)
                    .setParameter(1, after).setParameter(2, page.getLast()).getResultList();
            UUID current = null;
            String segment = null;
            List<Set<String>> baskets = new ArrayList<>();
            for (Tuple t : rows) {
                UUID id = t.get("customer", UUID.class);
                if (!id.equals(current)) {
                    if (current != null) {
                        sink.accept(new SuggestionBacktest.CustomerBaskets(current, segment, baskets));
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
                sink.accept(new SuggestionBacktest.CustomerBaskets(current, segment, baskets));
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast();
        }
    }
}
