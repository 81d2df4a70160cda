package dev.crmsuite.complaint.customer;

import dev.crmsuite.platform.time.SqlTimes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * This service's copy of the customers it has heard of through crm.customers events. It answers
 * the questions the complaint rules ask (segment, tier, merged, erased) without a synchronous call
 * to customer-service, so complaints are taken even while that service is down.
 */
@ApplicationScoped
public class KnownCustomers {

    /** Merges chain at most this deep; longer means a cycle in bad data. */
    private static final int MAX_MERGE_HOPS = 16;

    @Inject
    EntityManager em;

    /**
     * A customer as this service knows it. {@code priorityBoost} is the segment service policy's
     * complaint priority boost, owned by customer-service and copied from its segment-changed events.
     */
    public record Known(UUID customerId, String segment, String valueTier, int priorityBoost, UUID mergedInto,
                        OffsetDateTime erasedAt) {
    }

    public Optional<Known> find(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select customer_id, segment, value_tier, priority_boost, merged_into, erased_at from known_customer
                        where customer_id = ?1""")
                .setParameter(1, customerId).getResultList();
        return rows.stream().findFirst().map(r -> new Known((UUID) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), (UUID) r[4], r[5] == null ? null : SqlTimes.utc(r[5])));
    }

    /** The customer a complaint belongs to today: follows merges to the surviving customer. */
    public Optional<Known> current(UUID customerId) {
        Optional<Known> known = find(customerId);
        for (int hop = 0; hop < MAX_MERGE_HOPS && known.isPresent() && known.get().mergedInto() != null; hop++) {
            Optional<Known> target = find(known.get().mergedInto());
            if (target.isEmpty()) {
                // Merged into a customer we have not heard of yet: the survivor's id is still the right owner.
                return Optional.of(new Known(known.get().mergedInto(), null, null, 0, null, null));
            }
            known = target;
        }
        return known;
    }

    /**
     * Registers or refreshes a customer; the segment and tier only when the event carried them, the
     * priority boost only when given (segment-changed events; null keeps it). Returns whether complaints
     * filed before the customer was known wait for it ({@code CustomerChanges.customerKnown}): asked in
     * the same statement, as every segment change of every customer comes here and almost none has any.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(UUID customerId, boolean hasSegment, String segment,
                          boolean hasTier, String valueTier, Integer priorityBoost, OffsetDateTime at) {
        return (Boolean) em.createNativeQuery("""
                        with upserted as (
                        insert into known_customer (customer_id, segment, value_tier, priority_boost, registered_at, updated_at)
                        values (?1, ?2, ?3, greatest(?7, 0), ?4, ?4)
                        on conflict (customer_id) do update set
                            segment = case when ?5 then excluded.segment else known_customer.segment end,
                            value_tier = case when ?6 then excluded.value_tier else known_customer.value_tier end,
                            priority_boost = case when ?7 >= 0 then excluded.priority_boost else known_customer.priority_boost end,
                            updated_at = excluded.updated_at
                        where known_customer.erased_at is null)
                        select exists (select 1 from complaint where customer_id = ?1 and not customer_known)""")
                .setParameter(1, customerId)
                .setParameter(2, segment).setParameter(3, valueTier).setParameter(4, at)
                .setParameter(5, hasSegment).setParameter(6, hasTier).setParameter(7, priorityBoost == null ? -1 : priorityBoost) // -1: keep (no untyped null to bind)
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markMerged(UUID source, UUID target, OffsetDateTime at) {
        em.createNativeQuery("""
                        insert into known_customer (customer_id, merged_into, registered_at, updated_at)
                        values (?1, ?2, ?3, ?3)
                        on conflict (customer_id) do update set merged_into = excluded.merged_into, updated_at = excluded.updated_at""")
                .setParameter(1, source).setParameter(2, target).setParameter(3, at).executeUpdate();
    }

    /** Remembers that the customer was erased (no personal data of theirs is kept here to forget). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markErased(UUID customerId, OffsetDateTime at) {
        em.createNativeQuery("""
                        insert into known_customer (customer_id, registered_at, updated_at, erased_at)
                        values (?1, ?2, ?2, ?2)
                        on conflict (customer_id) do update set
                            erased_at = excluded.erased_at, updated_at = excluded.updated_at""")
                .setParameter(1, customerId).setParameter(2, at).executeUpdate();
    }
}
