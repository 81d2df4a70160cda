package dev.crmsuite.customer.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.customer.PrefixRange;
import dev.crmsuite.customer.insight.LookAlikes.Contact;
import dev.crmsuite.customer.insight.LookAlikes.MatchingField;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.sql.JdbcStatement;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the customers who look like a given one ({@link LookAlikes}) and keeps the pairs found, so
 * staff can work through them as a list. The database narrows the field through indexes (a similar
 * name through pg_trgm's {@code %}, the same phone through the phones index, the same mailbox or
 * email local part through customer_email's prefix index, the same postal code); the rule scores what
 * it found. Merged and erased customers are never candidates.
 */
@ApplicationScoped
public class DuplicateCandidates {

    @Schema(name = "DuplicateCandidate", description = "A customer who looks like the one asked about")
    public record Candidate(
            @Schema(examples = "7d1c5c0e-2f7b-4b7e-9a55-0a8f3c0d9e11") UUID customerId,
            @Schema(examples = "Li Wei") String name,
            @Schema(description = "Primary email", examples = "liwei@gmail.com") String email,
            @Schema(description = "0 to 1: the sum of the weights of the evidence, capped at 1", examples = "0.856") BigDecimal score,
            @Schema(description = "What matched: phone, email (the same mailbox), emailLocalPart, emailDomain, name (trigram similarity), address")
            List<MatchingField> matches) {
    }

    @Schema(name = "DuplicateCandidatePair", description = "Two customers who look like the same person or company")
    public record Pair(Side customer, Side other,
                       @Schema(examples = "0.856") BigDecimal score,
                       List<MatchingField> matches,
                       @Schema(description = "When the pair was found with its current score and matches (a later look that finds the same leaves it)") OffsetDateTime foundAt) {
    }

    @Schema(name = "DuplicateCandidateSide")
    public record Side(@Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID id,
                       @Schema(examples = "Li Wei") String name,
                       @Schema(examples = "li.wei@example.com") String email) {
    }

    private record Found(Candidate candidate, boolean visibleToPartners) {
    }

    private final EntityManager em;
    private final InsightConfig config;
    private final PartnerVisibility visibility;
    private final Clock clock;

    public DuplicateCandidates(EntityManager em, InsightConfig config, PartnerVisibility visibility, Clock clock) {
        this.em = em;
        this.config = config;
        this.visibility = visibility;
        this.clock = clock;
    }

    /**
     * The customer's look-alikes, best first, as the caller may see them; the pairs found replace
     * those stored for this customer (a pair that no longer matches disappears from the list).
     */
    @Transactional
    public List<Candidate> refresh(Customer customer) {
        List<Found> found = customer.mergedInto != null || customer.erased() ? List.of() : lookAlikes(customer);
        store(customer.id, found);
        boolean partner = visibility.partnerCalling();
        return found.stream().filter(f -> !partner || f.visibleToPartners()).map(Found::candidate).toList();
    }

    /** Pairs found so far, best first, both customers live; keyset-paginated on (score, ids). */
    public Page<Pair> pairs(String cursor, int limit) {
        Cursor after = Cursor.decode(cursor, 3);
        StringBuilder sql = new StringBuilder("""
                select d.customer_id as a_id, a.display_name as a_name, a.email as a_email,
                       d.other_id as b_id, b.display_name as b_name, b.email as b_email,
                       d.score as score, cast(d.matches as text) as matches, d.found_at as found_at
                from duplicate_candidate d
                join customer a on a.id = d.customer_id and a.merged_into is null and a.erased_at is null
                join customer b on b.id = d.other_id and b.merged_into is null and b.erased_at is null
                """);
        if (after != null) {
            sql.append(" where (d.score < ?1 or (d.score = ?1 and (d.customer_id, d.other_id) > (?2, ?3)))");
        }
        sql.append(" order by d.score desc, d.customer_id, d.other_id limit ").append(limit + 1);
        Query query = em.createNativeQuery(sql.toString(), Tuple.class);
        if (after != null) {
            try {
                query.setParameter(1, new BigDecimal(after.get(0))).setParameter(2, UUID.fromString(after.get(1)))
                        .setParameter(3, UUID.fromString(after.get(2)));
            } catch (IllegalArgumentException e) {
                throw dev.crmsuite.platform.problem.ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        List<Pair> pairs = rows.stream().map(t -> new Pair(
                new Side(t.get("a_id", UUID.class), t.get("a_name", String.class), t.get("a_email", String.class)),
                new Side(t.get("b_id", UUID.class), t.get("b_name", String.class), t.get("b_email", String.class)),
                t.get("score", BigDecimal.class), matches(t.get("matches", String.class)), SqlTimes.utc(t.get("found_at")))).toList();
        return Page.of(pairs, limit, p -> Cursor.of(p.score().toPlainString(), p.customer().id(), p.other().id()), p -> p);
    }

    private List<Found> lookAlikes(Customer customer) {
        Contact self = contact(customer.id, customer.displayName, customer.emails, customer.phones, customer.address);
        // Separate look-ups, each with its own limit: a common name matches thousands of customers, and
        // in one query with a single limit those would crowd out the few that share a phone, a mailbox or
        // an address (the strong evidence). Each look-up is one index's work: exact phones through the
        // phones index and the postal code through its own (one bitmap), mailbox prefixes through
        // customer_email_order (a trigram search for "+8613800500001" in the search text reads
        // every customer sharing "138" and "000": tens of ms at a million customers; an OR across a
        // subquery would make PostgreSQL scan the table).
        List<Object> params = new ArrayList<>();
        params.add(customer.id);
        List<String> contact = new ArrayList<>();
        for (String phone : self.phones()) {
            params.add(EventJson.write(List.of(java.util.Map.of("number", phone))));
            contact.add("c.phones @> cast(?" + params.size() + " as jsonb)");
        }
        if (self.postalCode() != null && !self.postalCode().isBlank()) {
            params.add(self.postalCode().trim());
            contact.add("c.address ->> 'postalCode' = ?" + params.size());
        }
        int limit = config.duplicates().maxLookups();
        // Each mailbox prefix as a range of customer_email_order (V14) in its own order, limited: a
        // condition PostgreSQL plans once with its values open (LIKE 'x%' is a range only once the
        // pattern is known, so every check was planned anew: 0.7 ms of PostgreSQL's CPU against 0.1 ms
        // for running it, at a million customers). Ordered and limited per prefix, so that a plan made
        // without the values cannot prefer reading the whole table until enough rows match.
        List<String> mailboxes = new ArrayList<>();
        for (String prefix : mailboxPrefixes(self.emails())) {
            PrefixRange range = PrefixRange.of(prefix);
            params.add(range.from());
            String condition = "e.email collate \"C\" >= ?" + params.size();
            if (range.to() != null) {
                params.add(range.to());
                condition += " and e.email collate \"C\" < ?" + params.size();
            }
            mailboxes.add("(select e.customer_id from customer_email e where " + condition
                    + " order by e.email collate \"C\" limit " + limit + ")");
        }
        List<String> lookUps = new ArrayList<>();
        if (!contact.isEmpty()) {
            lookUps.add(lookUp("customer c", String.join(" or ", contact), limit));
        }
        if (!mailboxes.isEmpty()) {
            lookUps.add(lookUp("(" + String.join(" union ", mailboxes) + ") m join customer c on c.id = m.customer_id", "true", limit));
        }
        // The name's trigram match is the one look-up whose best plan depends on the name (how many
        // customers share its trigrams), so a check with it is planned with its values each time.
        boolean plannedOnce = true;
        if (customer.displayName != null && !customer.displayName.isBlank() && LookAlikes.nameAloneCanQualify(self, config.duplicates().weights())) {
            params.add(customer.displayName.toLowerCase(java.util.Locale.ROOT));
            lookUps.add(lookUp("customer c", "lower(c.display_name) % ?" + params.size(), limit));
            plannedOnce = false;
        }
        if (lookUps.isEmpty()) {
            return List.of();
        }
        // union, not union all: a customer found both ways is scored once
        JdbcStatement statement = JdbcStatement.of(String.join(" union ", lookUps), params);
        LookAlikes.Weights weights = config.duplicates().weights();
        List<Found> found = new ArrayList<>();
        // Plain JDBC on the transaction's connection: Hibernate's result mapping of this one native query
        // was a third of customer-service's CPU per check at a million customers (PERFORMANCE.md). It
        // does not flush as a native query did, so a change this transaction made (a merge's loser, a
        // profile's new phone) is flushed first, before other customers are compared.
        em.flush();
        record Row(Contact other, String email, boolean sharing) {
        }
        JdbcStatement.RowReader<Row> reader = r -> new Row(contact(r.getObject("id", UUID.class), r.getString("name"),
                r.getString("emails"), r.getString("phones"), r.getString("address")), r.getString("email"), r.getBoolean("sharing"));
        for (Row row : plannedOnce ? statement.listPlannedGenerically(em, reader) : statement.list(em, reader)) {
            LookAlikes.compare(self, row.other(), weights).ifPresent(m -> found.add(new Found(
                    new Candidate(row.other().id(), row.other().name(), row.email(), m.score(), m.matches()), row.sharing())));
        }
        found.sort(Comparator.comparing((Found f) -> f.candidate().score()).reversed()
                .thenComparing(f -> f.candidate().customerId()));
        return found;
    }

    /**
     * Makes the stored pairs of this customer what was just found, writing only the difference: a
     * look that finds what the last one found writes nothing, so reading a customer's duplicates
     * costs no write, no WAL flush and no row lock (at a million customers the delete-and-insert of
     * every pair on every read was most of this endpoint's time).
     */
    private void store(UUID customerId, List<Found> found) {
        Map<UUID, Stored> stored = new HashMap<>();
        JdbcStatement select = JdbcStatement.of("""
                select case when customer_id = ?1 then other_id else customer_id end as other, score, cast(matches as text) as matches
                from duplicate_candidate where customer_id = ?1 or other_id = ?1""", List.of(customerId));
        // plain JDBC like the look-up; this transaction has written nothing to this table yet, so there is nothing to flush
        for (Map.Entry<UUID, Stored> pair : select.list(em, row -> Map.entry(row.getObject("other", UUID.class),
                new Stored(row.getBigDecimal("score"), matches(row.getString("matches")))))) {
            stored.put(pair.getKey(), pair.getValue());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Found f : found) {
            Stored before = stored.remove(f.candidate().customerId());
            if (before != null && before.score().compareTo(f.candidate().score()) == 0 && before.matches().equals(f.candidate().matches())) {
                continue;
            }
            // The smaller id first, as PostgreSQL orders uuids (by their bytes; Java compares signed longs).
            em.createNativeQuery("""
                            insert into duplicate_candidate (customer_id, other_id, score, matches, found_at)
                            values (least(?1, ?2), greatest(?1, ?2), ?3, cast(?4 as jsonb), ?5)
                            on conflict (customer_id, other_id) do update
                              set score = excluded.score, matches = excluded.matches, found_at = excluded.found_at""")
                    .setParameter(1, customerId).setParameter(2, f.candidate().customerId())
                    .setParameter(3, f.candidate().score()).setParameter(4, EventJson.write(f.candidate().matches()))
                    .setParameter(5, now).executeUpdate();
        }
        for (UUID gone : stored.keySet()) {
            em.createNativeQuery("delete from duplicate_candidate where customer_id = least(?1, ?2) and other_id = greatest(?1, ?2)")
                    .setParameter(1, customerId).setParameter(2, gone).executeUpdate();
        }
    }

    private record Stored(BigDecimal score, List<MatchingField> matches) {
    }

    /**
     * How an address of a customer sharing a mailbox or local part with these emails begins: the local
     * part as typed, without its +tag, and as the provider reads it (Gmail without dots), each followed
     * by "@" or "+". A customer whose address is dotted differently from both
     * the typed and the canonical form (li.wei vs l.iwei) is found from names and phones only.
     */
    static java.util.Set<String> mailboxPrefixes(List<String> emails) {
        java.util.Set<String> prefixes = new java.util.LinkedHashSet<>();
        for (String email : emails) {
            int at = email.lastIndexOf('@');
            String canonical = LookAlikes.canonicalEmail(email);
            if (at <= 0 || canonical == null) {
                continue;
            }
            String typed = email.substring(0, at);
            String untagged = typed.indexOf('+') > 0 ? typed.substring(0, typed.indexOf('+')) : typed;
            for (String local : List.of(typed, untagged, LookAlikes.local(canonical))) {
                prefixes.add(local + "@");
                prefixes.add(local + "+");
            }
        }
        return prefixes;
    }

    static Contact contact(UUID id, String name, String emailsJson, String phonesJson, String addressJson) {
        List<String> emails = new ArrayList<>();
        tree(emailsJson).forEach(e -> {
            if (e.hasNonNull("address")) {
                emails.add(e.get("address").asText().toLowerCase(java.util.Locale.ROOT));
            }
        });
        List<String> phones = new ArrayList<>();
        tree(phonesJson).forEach(p -> {
            if (p.hasNonNull("number")) {
                phones.add(p.get("number").asText());
            }
        });
        JsonNode address = tree(addressJson);
        return new Contact(id, name, emails, phones, address.path("line1").asText(null), address.path("postalCode").asText(null));
    }

    private static JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    private static List<MatchingField> matches(String json) {
        List<MatchingField> matches = new ArrayList<>();
        tree(json).forEach(m -> matches.add(new MatchingField(m.path("field").asText(), m.path("detail").asText(null))));
        return matches;
    }

    /** One look-up of the union: live customers other than ?1 from {@code from} (alias c) meeting {@code condition}. */
    private static String lookUp(String from, String condition, int limit) {
        return """
                (select c.id as id, c.display_name as name, c.email as email, cast(c.emails as text) as emails,
                        cast(c.phones as text) as phones, cast(c.address as text) as address,
                        c.consent_partner_sharing as sharing
                 from %s
                 where c.merged_into is null and c.erased_at is null and c.id <> ?1 and (%s)
                 limit %d)""".formatted(from, condition, limit);
    }
}
