package dev.crmsuite.customer.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerJson;
import dev.crmsuite.customer.customer.CustomerPersonalData;
import dev.crmsuite.customer.customer.CustomerProfile;
import dev.crmsuite.customer.customer.CustomerSnapshot;
import dev.crmsuite.customer.customer.CustomerUpdated;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.followup.FollowUpModels;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.customer.lifecycle.LifecycleEvents;
import dev.crmsuite.customer.referral.Referrals;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.customer.value.Valuation;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.sql.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Merges a duplicate (source) into the customer that survives (target): everything the source
 * owns moves to the target, the source becomes a tombstone that redirects to the target, and
 * {@code crm.customer.merged.v1} tells the other services to move their records too.
 */
@ApplicationScoped
public class Merges {

    /**
     * Ids as PostgreSQL orders uuids: as unsigned bytes. {@link UUID#compareTo} compares signed longs
     * and disagrees whenever the first (or, tied, the 17th) hex digits of the two straddle 8.
     */
    static final Comparator<UUID> DATABASE_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    @Inject
    Customers customers;
    @Inject
    EntityManager em;
    @Inject
    History history;
    @Inject
    Timeline timeline;
    @Inject
    Valuation valuation;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    PersonalData personalData;
    @Inject
    Referrals referrals;

    /** {@code crm.customer.merged.v1}, subject = the surviving customer. */
    public record Merged(UUID sourceCustomerId, UUID targetCustomerId, OffsetDateTime mergedAt) {
        public static final String TYPE = "crm.customer.merged.v1";
    }

    @Schema(name = "MergeRequest", description = "Merge the path customer (the duplicate) into the target, which survives")
    public record MergeRequest(
            @jakarta.validation.constraints.NotNull
            @Schema(description = "The customer that survives", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d", required = true)
            UUID targetCustomerId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Customer merge(UUID sourceId, UUID targetId) {
        if (sourceId.equals(targetId)) {
            throw invalidTarget("must be another customer than the one merged");
        }
        // One merge at a time: a merge also re-points the customers merged into its source earlier, rows
        // outside the pair it locks, so a chain merged at once (A into B, B into C, C into A) deadlocked.
        // Merges are rare staff work; waiting for another one costs nothing.
        AdvisoryLocks.lock(em, "customer", "merge");
        // A merge re-points referrals: a referral recorded meanwhile must see them (its cycle check).
        referrals.awaitOtherReferralChanges();
        // Lock both rows in the database's id order, the order the value recomputation's ranges and
        // batches lock theirs in, so a merge and such a step cannot deadlock.
        boolean sourceFirst = DATABASE_ORDER.compare(sourceId, targetId) < 0;
        Customer first = Customer.findById(sourceFirst ? sourceId : targetId, LockModeType.PESSIMISTIC_WRITE);
        Customer second = Customer.findById(sourceFirst ? targetId : sourceId, LockModeType.PESSIMISTIC_WRITE);
        Customer source = customers.require(sourceId);
        Customer target = Customer.findById(targetId);
        if (first == null || second == null || target == null) {
            if (target == null) {
                throw invalidTarget("no customer " + targetId);
            }
        }
        if (target.mergedInto != null) {
            throw invalidTarget("customer " + targetId + " was itself merged into " + target.mergedInto);
        }
        if (source.erased() || target.erased()) {
            throw new ProblemException(409, "customer-erased", "Conflict", "an erased customer cannot be merged");
        }
        @SuppressWarnings("unchecked")
        List<String> clashing = em.createNativeQuery("""
                        select s.external_order_id from purchase s join purchase t
                          on t.external_order_id = s.external_order_id and t.customer_id = ?2
                        where s.customer_id = ?1""")
                .setParameter(1, source.id).setParameter(2, target.id).getResultList();
        if (!clashing.isEmpty()) {
            throw new ProblemException(409, "merge-order-clash", "Conflict",
                    "both customers have purchases with externalOrderId " + clashing + "; resolve them before merging")
                    .with("externalOrderIds", clashing);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Read before they move: their personal records are keyed by the source and are re-keyed to the target below.
        @SuppressWarnings("unchecked")
        List<Object[]> movedTouchpoints = em.createNativeQuery("select id, summary from touchpoint where customer_id = ?1")
                .setParameter(1, source.id).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> movedFollowUps = em.createNativeQuery("select id, reason, outcome from follow_up where customer_id = ?1")
                .setParameter(1, source.id).getResultList();
        timeline.flush(); // entries this transaction added move with the others
        for (String table : List.of("purchase", "refund", "touchpoint", "follow_up", "timeline_entry", "customer_loss",
                "complaint_record", "exit_survey_response")) {
            em.createNativeQuery("update " + table + " set customer_id = ?2 where customer_id = ?1")
                    .setParameter(1, source.id).setParameter(2, target.id).executeUpdate();
        }
        // Referrals: drop the ones between the two, hand the rest to the target (it keeps its own referrer).
        em.createNativeQuery("delete from referral where (referrer_id = ?1 and referred_id = ?2) or (referrer_id = ?2 and referred_id = ?1)")
                .setParameter(1, source.id).setParameter(2, target.id).executeUpdate();
        @SuppressWarnings("unchecked")
        List<UUID> movedReferred = em.createNativeQuery("update referral set referrer_id = ?2 where referrer_id = ?1 returning referred_id")
                .setParameter(1, source.id).setParameter(2, target.id).getResultList();
        @SuppressWarnings("unchecked")
        List<UUID> movedReferrer = em.createNativeQuery("""
                        update referral set referred_id = ?2 where referred_id = ?1
                          and not exists (select 1 from referral where referred_id = ?2) returning referrer_id""")
                .setParameter(1, source.id).setParameter(2, target.id).getResultList();
        em.createNativeQuery("delete from referral where referred_id = ?1").setParameter(1, source.id).executeUpdate();
        // A moved referral must not close a circle: the source's referrer may be someone the target brought in
        // (down a chain), and someone the source brought in may have brought the target in. Those are dropped;
        // the target's own referrals stay.
        for (UUID referrer : movedReferrer) {
            if (referrals.broughtIn(target.id, referrer)) {
                em.createNativeQuery("delete from referral where referred_id = ?1").setParameter(1, target.id).executeUpdate();
            }
        }
        for (UUID referred : movedReferred) {
            if (referrals.broughtIn(referred, target.id)) {
                em.createNativeQuery("delete from referral where referrer_id = ?1 and referred_id = ?2")
                        .setParameter(1, target.id).setParameter(2, referred).executeUpdate();
            }
        }

        // Contact points and labels join the target's; the target's primary ones stay primary.
        List<String> changed = new ArrayList<>();
        List<CustomerProfile.EmailAddress> emails = new ArrayList<>(CustomerJson.emails(target));
        for (CustomerProfile.EmailAddress e : CustomerJson.emails(source)) {
            if (emails.stream().noneMatch(x -> x.address().equals(e.address()))) {
                emails.add(new CustomerProfile.EmailAddress(e.address(), emails.isEmpty()));
            }
        }
        List<CustomerProfile.PhoneNumber> phones = new ArrayList<>(CustomerJson.phones(target));
        for (CustomerProfile.PhoneNumber p : CustomerJson.phones(source)) {
            if (phones.stream().noneMatch(x -> x.number().equals(p.number()))) {
                phones.add(new CustomerProfile.PhoneNumber(p.number(), phones.isEmpty()));
            }
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(CustomerJson.tags(target));
        tags.addAll(CustomerJson.tags(source));
        ObjectNode attributes = (ObjectNode) CustomerJson.attributes(target);
        JsonNode sourceAttributes = CustomerJson.attributes(source);
        sourceAttributes.properties().forEach(p -> {
            if (!attributes.has(p.getKey())) {
                attributes.set(p.getKey(), p.getValue());
            }
        });
        // The source releases its emails before the target claims them (both are unique).
        source.email = null;
        source.emails = "[]";
        source.mergedInto = target.id;
        source.mergedAt = now;
        source.updatedAt = now;
        em.flush();
        em.createNativeQuery("update customer_email set customer_id = ?2 where customer_id = ?1")
                .setParameter(1, source.id).setParameter(2, target.id).executeUpdate();
        // Earlier merges into the source now point at the final survivor: one hop to follow.
        em.createNativeQuery("update customer set merged_into = ?2 where merged_into = ?1")
                .setParameter(1, source.id).setParameter(2, target.id).executeUpdate();
        set(target, changed, "emails", CustomerJson.emails(target), emails, () -> target.emails = CustomerJson.write(emails));
        String primaryEmail = emails.stream().filter(CustomerProfile.EmailAddress::primary).map(CustomerProfile.EmailAddress::address).findFirst().orElse(null);
        set(target, changed, "email", target.email, primaryEmail, () -> target.email = primaryEmail);
        set(target, changed, "phones", CustomerJson.phones(target), phones, () -> target.phones = CustomerJson.write(phones));
        String primaryPhone = phones.stream().filter(CustomerProfile.PhoneNumber::primary).map(CustomerProfile.PhoneNumber::number).findFirst().orElse(null);
        set(target, changed, "phone", target.phone, primaryPhone, () -> target.phone = primaryPhone);
        List<String> tagList = List.copyOf(tags);
        set(target, changed, "tags", CustomerJson.tags(target), tagList, () -> target.tags = CustomerJson.write(tagList));
        set(target, changed, "attributes", CustomerJson.attributes(target), attributes, () -> target.attributes = CustomerJson.write(attributes));
        if (target.accountManager == null && source.accountManager != null) {
            String manager = source.accountManager;
            set(target, changed, "accountManager", null, manager, () -> target.accountManager = manager);
        }
        StringBuilder search = new StringBuilder(target.displayName.toLowerCase(java.util.Locale.ROOT));
        emails.forEach(e -> search.append(' ').append(e.address()));
        phones.forEach(p -> search.append(' ').append(p.number()));
        target.searchText = search.toString();
        // the source's purchases are the target's now
        if (source.lastPurchaseAt != null && (target.lastPurchaseAt == null || source.lastPurchaseAt.isAfter(target.lastPurchaseAt))) {
            target.lastPurchaseAt = source.lastPurchaseAt;
        }
        target.updatedAt = now;
        history.record(source.id, "mergedInto", null, target.id.toString());
        history.record(target.id, "mergedFrom", null, source.id.toString());
        timeline.add(target.id, now, "MERGED", source.id.toString(), "Merged duplicate " + source.id + " (" + source.displayName + ") into this customer",
                Map.of("sourceCustomerId", source.id.toString()));
        valuation.refresh(target);
        em.flush();
        outbox.append(target.id.toString(), Merged.TYPE, new Merged(source.id, target.id, now));
        if (!changed.isEmpty()) {
            outbox.append(target.id.toString(), CustomerUpdated.TYPE, new CustomerUpdated(CustomerSnapshot.of(target), changed, now));
        }
        movePersonalRecords(source, target, movedTouchpoints, movedFollowUps);
        return target;
    }

    /**
     * The personal topic follows the merge: the source's keys are tombstoned (its profile and loss reason describe a
     * record that is now only a redirect), the objects that moved are recorded again under the survivor's id, and the
     * survivor's profile is recorded with the contact points it gained.
     */
    private void movePersonalRecords(Customer source, Customer target, List<Object[]> touchpoints, List<Object[]> followUps) {
        personalData.forget(source.id, CustomerPersonalData.THING, source.id.toString());
        personalData.forget(source.id, LifecycleEvents.LostReasonRecord.THING, source.id.toString());
        for (Object[] t : touchpoints) {
            UUID id = (UUID) t[0];
            personalData.forget(source.id, TouchpointModels.Personal.THING, id.toString());
            if (t[1] != null) {
                personalData.record(target.id, TouchpointModels.Personal.THING, id.toString(),
                        new TouchpointModels.Personal(id, target.id, (String) t[1]));
            }
        }
        for (Object[] f : followUps) {
            UUID id = (UUID) f[0];
            personalData.forget(source.id, FollowUpModels.Personal.THING, id.toString());
            personalData.record(target.id, FollowUpModels.Personal.THING, id.toString(),
                    new FollowUpModels.Personal(id, target.id, (String) f[1], (String) f[2]));
        }
        CustomerPersonalData.record(personalData, target);
    }

    private void set(Customer c, List<String> changed, String field, Object old, Object value, Runnable apply) {
        if (!java.util.Objects.equals(old, value)) {
            history.record(c.id, field, old, value);
            apply.run();
            changed.add(field);
        }
    }

    private static ProblemException invalidTarget(String message) {
        return new ProblemException(422, "invalid-merge-target", "Unprocessable request", "targetCustomerId: " + message,
                List.of(new Problem.FieldError("targetCustomerId", message)));
    }
}
