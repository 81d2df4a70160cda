package dev.crmsuite.survey.customer;

import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The local copy of the customers, kept from crm.customers and crm.loyalty events: consent for
 * the contact rules, and the attributes score breakdowns are cut by. Never a call back to the
 * owning services.
 */
@ApplicationScoped
public class KnownCustomers {

    @Inject
    EntityManager em;

    /** What the survey service knows of one customer. */
    public record KnownCustomer(UUID id, boolean marketingConsent, String segment, String valueTier, String stage,
                                String loyaltyTier, Instant registeredAt) {
        public static KnownCustomer unknown(UUID id) {
            return new KnownCustomer(id, false, null, null, null, null, null);
        }
    }

    /**
     * Applies a full customer snapshot (registered/updated). A null consent keeps what is known
     * (the snapshot always carries it, but an older producer might not). No name or email: surveys
     * need neither, so none is kept (data minimisation).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySnapshot(UUID id, Boolean marketingConsent, String segment,
                              String valueTier, String stage, Instant registeredAt, Instant now) {
        em.createNativeQuery("""
                        insert into known_customer (customer_id, registered_at, updated_at,
                                                    marketing_consent, segment, value_tier, stage)
                        values (?1, cast(?2 as timestamptz), ?3,
                                coalesce(cast(?4 as boolean), false), cast(?5 as text), cast(?6 as text), cast(?7 as text))
                        on conflict (customer_id) do update set
                            registered_at = coalesce(known_customer.registered_at, excluded.registered_at),
                            updated_at = excluded.updated_at,
                            marketing_consent = coalesce(cast(?4 as boolean), known_customer.marketing_consent),
                            segment = excluded.segment, value_tier = excluded.value_tier,
                            stage = coalesce(excluded.stage, known_customer.stage)""")
                .setParameter(1, id)
                .setParameter(2, registeredAt == null ? null : registeredAt.toString())
                .setParameter(3, Rows.utc(now))
                .setParameter(4, marketingConsent == null ? null : marketingConsent.toString())
                .setParameter(5, segment).setParameter(6, valueTier).setParameter(7, stage)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setSegment(UUID id, String segment, String valueTier, Instant now) {
        upsertColumns(id, List.of("segment", "value_tier"), now, segment, valueTier);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setStage(UUID id, String stage, Instant now) {
        upsertColumns(id, List.of("stage"), now, stage);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setLoyaltyTier(UUID id, String tier, Instant now) {
        upsertColumns(id, List.of("loyalty_tier"), now, tier);
    }

    /**
     * Sets some text columns of the customer's row, creating a bare row first if there is none yet
     * (loyalty events can overtake the registration): one upsert, where an insert-if-missing and an
     * update were two statements per event. {@code columns} are this class's constants, never input.
     */
    private void upsertColumns(UUID id, List<String> columns, Instant now, String... values) {
        StringBuilder names = new StringBuilder();
        StringBuilder placeholders = new StringBuilder();
        StringBuilder assignments = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            names.append(", ").append(columns.get(i));
            placeholders.append(", cast(:v").append(i).append(" as text)");
            assignments.append(columns.get(i)).append(" = excluded.").append(columns.get(i)).append(", ");
        }
        var query = em.createNativeQuery("insert into known_customer (customer_id, updated_at" + names + ") values (:id, :now"
                        + placeholders + ") on conflict (customer_id) do update set " + assignments + "updated_at = excluded.updated_at")
                .setParameter("id", id).setParameter("now", Rows.utc(now));
        for (int i = 0; i < values.length; i++) {
            query.setParameter("v" + i, values[i]);
        }
        query.executeUpdate();
    }

    /** The customer, row-locked so concurrent invitations for them count the contact budget one at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<KnownCustomer> lock(UUID id) {
        return find(id, true);
    }

    public Optional<KnownCustomer> find(UUID id, boolean forUpdate) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select customer_id, marketing_consent, segment, value_tier, stage, loyalty_tier, registered_at
                        from known_customer where customer_id = ?1""" + (forUpdate ? " for update" : ""))
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new KnownCustomer(Rows.uuid(r[0]), (Boolean) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], Rows.instant(r[6])));
    }

    /**
     * Customers due for a periodic survey: consenting, known for at least {@code every} months, and
     * not invited (or skipped) to that survey since {@code since}.
     */
    public List<UUID> dueForPeriodic(UUID surveyId, Instant registeredBefore, Instant since, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("""
                        select k.customer_id from known_customer k
                        where k.marketing_consent and k.registered_at <= ?2
                          and not exists (select 1 from invitation i
                                          where i.survey_id = ?1 and i.customer_id = k.customer_id and i.created_at > ?3)
                        order by k.customer_id limit ?4""")
                .setParameter(1, surveyId).setParameter(2, Rows.utc(registeredBefore)).setParameter(3, Rows.utc(since))
                .setParameter(4, limit).getResultList();
        return rows.stream().map(Rows::uuid).toList();
    }

    /**
     * Right to erasure: the customer's free-text answers go, and so does every link from responses
     * and invitations to them; the scores stay, as anonymous numbers. Open invitations are voided.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(UUID id, Instant now) {
        em.createNativeQuery("""
                        delete from survey_answer where question_type = 'FREE_TEXT'
                          and response_id in (select id from survey_response where customer_id = ?1)""")
                .setParameter(1, id).executeUpdate();
        // Responses also reach the customer through their invitation: cut that link too.
        em.createNativeQuery("""
                        update survey_response set customer_id = null, invitation_id = null
                        where customer_id = ?1 or invitation_id in (select id from invitation where customer_id = ?1)""")
                .setParameter(1, id).executeUpdate();
        // Invitations not answered yet die with the customer: no token, expired now, so no link still works.
        em.createNativeQuery("""
                        update invitation set token = null, expires_at = least(expires_at, ?2), send_at = least(send_at, ?2)
                        where customer_id = ?1 and status = 'PENDING'""")
                .setParameter(1, id).setParameter(2, Rows.utc(now)).executeUpdate();
        em.createNativeQuery("update invitation set customer_id = null where customer_id = ?1")
                .setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from known_customer where customer_id = ?1").setParameter(1, id).executeUpdate();
    }

    /** Two records of one customer became one: their responses and invitations follow the survivor. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merge(UUID source, UUID target, Instant now) {
        em.createNativeQuery("update survey_response set customer_id = ?2 where customer_id = ?1")
                .setParameter(1, source).setParameter(2, target).executeUpdate();
        em.createNativeQuery("update invitation set customer_id = ?2 where customer_id = ?1")
                .setParameter(1, source).setParameter(2, target).executeUpdate();
        int moved = em.createNativeQuery("""
                        update known_customer set customer_id = ?2, updated_at = ?3 where customer_id = ?1
                          and not exists (select 1 from known_customer where customer_id = ?2)""")
                .setParameter(1, source).setParameter(2, target).setParameter(3, Rows.utc(now)).executeUpdate();
        if (moved == 0) {
            em.createNativeQuery("delete from known_customer where customer_id = ?1").setParameter(1, source).executeUpdate();
        }
    }
}
