package dev.crmsuite.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerViews;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.history.HistoryResource;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.outbox.Outbox;
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

/** Data-subject rights: export everything held about a customer; erase the personal part of it. */
@ApplicationScoped
public class Privacy {

    static final String ERASED_NAME = "Erased customer";
    static final String REDACTED = "[erased]";

    @Inject
    Customers customers;
    @Inject
    CustomerViews views;
    @Inject
    EntityManager em;
    @Inject
    History history;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;
    @Inject
    Timeline timeline;

    /** {@code crm.customer.erased.v1}: every service removes the customer's personal data. */
    public record Erased(UUID customerId, OffsetDateTime erasedAt) {
        public static final String TYPE = "crm.customer.erased.v1";
    }

    @Schema(name = "Erasure")
    public record ErasureView(UUID customerId, OffsetDateTime erasedAt,
                              @Schema(description = "Merged duplicates whose personal data was erased with it") List<UUID> mergedDuplicates) {
    }

    /**
     * Everything held about the customer, as JSON documents grouped by kind; the same filters as the
     * timeline, history and referral reads, so an export shows a caller nothing those reads would not.
     */
    public ObjectNode export(UUID id) {
        Customer c = customers.require(id);
        boolean partner = visibility.partnerCalling();
        ObjectNode out = EventJson.MAPPER.createObjectNode();
        out.put("exportedAt", OffsetDateTime.now(clock).toString());
        out.set("customer", EventJson.MAPPER.valueToTree(views.of(c)));
        // Merged duplicates are never visible to partners.
        out.set("mergedDuplicates", rows("select id, display_name, merged_at from customer where merged_into = ?1"
                + (partner ? " and false" : ""), c.id));
        out.set("purchases", rows("select id, external_order_id, amount, refunded_amount, currency, purchased_at, discounted, items from purchase where customer_id = ?1 order by purchased_at", c.id));
        out.set("refunds", rows("select id, purchase_id, amount, reason, refunded_at from refund where customer_id = ?1 order by refunded_at", c.id));
        out.set("touchpoints", rows("select id, channel, direction, phase, staff, occurred_at, summary from touchpoint where customer_id = ?1 order by occurred_at", c.id));
        out.set("followUps", rows("select id, owner, due_at, reason, rule, urgent, status, outcome, completed_at from follow_up where customer_id = ?1 order by due_at", c.id));
        out.set("referrals", rows("select id, referrer_id, referred_id, note, recorded_at from referral r where (referrer_id = ?1 or referred_id = ?1)"
                + (partner ? " and " + PartnerVisibility.visibleIdSql("case when r.referrer_id = ?1 then r.referred_id else r.referrer_id end") : "")
                + " order by recorded_at", c.id));
        out.set("losses", rows("select reason_code, reason_text, lost_at, actor from customer_loss where customer_id = ?1 order by lost_at", c.id));
        out.set("timeline", rows("select occurred_at, kind, ref_id, summary, data from timeline_entry where customer_id = ?1 and "
                + timeline.entriesVisibleSql() + " order by occurred_at", c.id));
        out.set("history", rows("select changed_at, actor, field, old_value, new_value from customer_history where customer_id = ?1"
                + (partner ? " and " + HistoryResource.partnerVisibleSql() : "") + " order by id", c.id));
        return out;
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
        }
        em.flush();
        em.refresh(c);
        history.record(c.id, "erased", null, now.toString());
        outbox.append(c.id.toString(), Erased.TYPE, new Erased(c.id, now));
        return new ErasureView(c.id, now, duplicates);
    }

    private void anonymise(UUID id, OffsetDateTime now) {
        em.createNativeQuery("delete from customer_email where customer_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("""
                        update customer set display_name = ?2, given_name = null, family_name = null, email = null, emails = '[]',
                               phone = null, phones = '[]', address = null, attributes = '{}', tags = '[]', search_text = '',
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
        em.createNativeQuery("update refund set reason = null where customer_id = ?1").setParameter(1, id).executeUpdate();
        // Who changed what and when stays; the values (names, emails, ...) go.
        em.createNativeQuery("update customer_history set old_value = null, new_value = null where customer_id = ?1").setParameter(1, id).executeUpdate();
    }

    private JsonNode rows(String sql, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select cast(to_jsonb(x) as text) from (" + sql + ") x").setParameter(1, id).getResultList();
        var array = EventJson.MAPPER.createArrayNode();
        for (Object row : rows) {
            try {
                array.add(EventJson.MAPPER.readTree(row.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return array;
    }
}
