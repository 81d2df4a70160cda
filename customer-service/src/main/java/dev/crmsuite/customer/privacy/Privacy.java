package dev.crmsuite.customer.privacy;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Data-subject rights: erase the personal part of what is held about a customer (the export is {@link CustomerPrivacyExports}). */
@ApplicationScoped
public class Privacy {

    static final String ERASED_NAME = "Erased customer";
    static final String REDACTED = "[erased]";

    @Inject
    Customers customers;
    @Inject
    EntityManager em;
    @Inject
    History history;
    @Inject
    Timeline timeline;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    PersonalData personalData;

    /** {@code crm.customer.erased.v1}: every service removes the customer's personal data. */
    public record Erased(UUID customerId, OffsetDateTime erasedAt) {
        public static final String TYPE = "crm.customer.erased.v1";
    }

    @Schema(name = "Erasure")
    public record ErasureView(UUID customerId, OffsetDateTime erasedAt,
                              @Schema(description = "Merged duplicates whose personal data was erased with it") List<UUID> mergedDuplicates) {
    }

    /**
     * Anonymises the customer (and the merged duplicates that still hold its old data): names,
     * contact points, address, attributes, tags and free texts go; ids, amounts, dates, stages and
     * segments stay, so aggregates and analytics remain right. Erasing twice changes nothing more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ErasureView erase(UUID id) {
        Customer c = customers.lock(id);
        @SuppressWarnings("unchecked")
        List<UUID> duplicates = em.createNativeQuery("select id from customer where merged_into = ?1").setParameter(1, c.id).getResultList();
        if (c.erased()) {
            return new ErasureView(c.id, c.erasedAt, duplicates);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<UUID> all = new ArrayList<>(duplicates);
        all.add(c.id);
        for (UUID subject : all) {
            anonymise(subject, now);
            // Every personal record ever written for them on crm.customers.personal gets its tombstone, in this
            // transaction, so compaction leaves nothing of the person in Kafka (the domain events carry none).
            personalData.erase(subject);
        }
        em.flush();
        em.refresh(c);
        history.record(c.id, "erased", null, now.toString());
        outbox.append(c.id.toString(), Erased.TYPE, new Erased(c.id, now));
        return new ErasureView(c.id, now, duplicates);
    }

    private void anonymise(UUID id, OffsetDateTime now) {
        // history and timeline rows this transaction added are blanked with the others
        history.flush();
        timeline.flush();
        em.createNativeQuery("delete from customer_email where customer_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("""
                        update customer set display_name = ?2, given_name = null, family_name = null, email = null, emails = '[]',
                               phone = null, phones = '[]', address = null, attributes = '{}', tags = '[]', time_zone = null, search_text = '',
                               consent_marketing = false, consent_marketing_at = ?3,
                               consent_partner_sharing = false, consent_partner_sharing_at = ?3,
                               lost_reason_text = case when lost_reason_text is null then null else ?4 end,
                               stage_reason = case when stage_reason is null then null else ?4 end,
                               erased_at = ?3, updated_at = ?3, version = version + 1
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, ERASED_NAME).setParameter(3, now).setParameter(4, REDACTED).executeUpdate();
        em.createNativeQuery("update touchpoint set summary = null where customer_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("update timeline_entry set summary = kind, data = '{}' where customer_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("update follow_up set reason = ?2, outcome = case when outcome is null then null else ?2 end where customer_id = ?1")
                .setParameter(1, id).setParameter(2, REDACTED).executeUpdate();
        em.createNativeQuery("update customer_loss set reason_text = ?2 where customer_id = ?1").setParameter(1, id).setParameter(2, REDACTED).executeUpdate();
        em.createNativeQuery("update referral set note = null where referrer_id = ?1 or referred_id = ?1").setParameter(1, id).executeUpdate();
        // Insights about the person (issue 21): a look-alike pair names their phone or email; a risk
        // assessment is a profile of them. Neither outlives the erasure.
        em.createNativeQuery("delete from duplicate_candidate where customer_id = ?1 or other_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from customer_risk where customer_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("update refund set reason = null where customer_id = ?1").setParameter(1, id).executeUpdate();
        // A mail server's bounce diagnostic often quotes the address it could not reach.
        em.createNativeQuery("update campaign_delivery set bounce_reason = null where customer_id = ?1").setParameter(1, id).executeUpdate();
        // Who changed what and when stays; the values (names, emails, ...) go.
        em.createNativeQuery("update customer_history set old_value = null, new_value = null where customer_id = ?1").setParameter(1, id).executeUpdate();
    }
}
