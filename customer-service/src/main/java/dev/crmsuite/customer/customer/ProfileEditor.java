package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.sql.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Normalises a {@link CustomerProfile} (contact points, tags, attributes) and writes it onto a
 * customer, recording each changed field in the history. Used by create and by merge patch, so
 * both enforce exactly the same rules.
 */
@ApplicationScoped
public class ProfileEditor {

    @Inject
    CustomerConfig config;
    @Inject
    History history;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;

    /** A profile after normalisation: what is stored. */
    record Normalised(CustomerKind kind, String name, String givenName, String familyName,
                      List<CustomerProfile.EmailAddress> emails, List<CustomerProfile.PhoneNumber> phones,
                      CustomerProfile.Address address, AcquisitionChannel acquisitionChannel, String accountManager,
                      Boolean marketing, Boolean partnerSharing, List<String> tags, JsonNode attributes, String timeZone) {

        String primaryEmail() {
            return emails.stream().filter(CustomerProfile.EmailAddress::primary).map(CustomerProfile.EmailAddress::address)
                    .findFirst().orElse(null);
        }

        String primaryPhone() {
            return phones.stream().filter(CustomerProfile.PhoneNumber::primary).map(CustomerProfile.PhoneNumber::number)
                    .findFirst().orElse(null);
        }
    }

    Normalised normalise(CustomerProfile p) {
        List<Problem.FieldError> errors = new ArrayList<>();
        // Emails: the list, then the shorthand "email" becomes (or joins as) the primary.
        List<CustomerProfile.EmailAddress> emails = new ArrayList<>();
        List<CustomerProfile.EmailAddress> givenEmails = p.emails() == null ? List.of() : p.emails();
        for (int i = 0; i < givenEmails.size(); i++) {
            String address = ContactPoints.email("emails[" + i + "].address", givenEmails.get(i).address(), errors);
            if (address != null && emails.stream().noneMatch(e -> e.address().equals(address))) {
                emails.add(new CustomerProfile.EmailAddress(address, givenEmails.get(i).primary()));
            }
        }
        if (emails.stream().filter(CustomerProfile.EmailAddress::primary).count() > 1) {
            errors.add(new Problem.FieldError("emails", "only one email can be primary"));
        }
        if (p.email() != null && !p.email().isBlank()) {
            String primary = ContactPoints.email("email", p.email(), errors);
            if (primary != null) {
                emails.removeIf(e -> e.address().equals(primary));
                emails.replaceAll(e -> new CustomerProfile.EmailAddress(e.address(), false));
                emails.addFirst(new CustomerProfile.EmailAddress(primary, true));
            }
        }
        if (!emails.isEmpty() && emails.stream().noneMatch(CustomerProfile.EmailAddress::primary)) {
            emails.set(0, new CustomerProfile.EmailAddress(emails.getFirst().address(), true));
        }
        // Phones: same shape.
        String cc = config.profile().defaultCountryCode();
        List<CustomerProfile.PhoneNumber> phones = new ArrayList<>();
        List<CustomerProfile.PhoneNumber> givenPhones = p.phones() == null ? List.of() : p.phones();
        for (int i = 0; i < givenPhones.size(); i++) {
            String number = ContactPoints.phone("phones[" + i + "].number", givenPhones.get(i).number(), cc, errors);
            if (number != null && phones.stream().noneMatch(e -> e.number().equals(number))) {
                phones.add(new CustomerProfile.PhoneNumber(number, givenPhones.get(i).primary()));
            }
        }
        if (phones.stream().filter(CustomerProfile.PhoneNumber::primary).count() > 1) {
            errors.add(new Problem.FieldError("phones", "only one phone can be primary"));
        }
        if (p.phone() != null && !p.phone().isBlank()) {
            String primary = ContactPoints.phone("phone", p.phone(), cc, errors);
            if (primary != null) {
                phones.removeIf(e -> e.number().equals(primary));
                phones.replaceAll(e -> new CustomerProfile.PhoneNumber(e.number(), false));
                phones.addFirst(new CustomerProfile.PhoneNumber(primary, true));
            }
        }
        if (!phones.isEmpty() && phones.stream().noneMatch(CustomerProfile.PhoneNumber::primary)) {
            phones.set(0, new CustomerProfile.PhoneNumber(phones.getFirst().number(), true));
        }
        // Tags: trimmed, lower case, no duplicates, capped.
        List<String> tags = p.tags() == null ? List.of() : List.copyOf(p.tags().stream()
                .filter(Objects::nonNull).map(t -> t.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        if (tags.size() > config.profile().maxTags()) {
            errors.add(new Problem.FieldError("tags", "at most " + config.profile().maxTags() + " tags"));
        }
        // Attributes: a JSON object, capped in size.
        JsonNode attributes = p.attributes() == null || p.attributes().isNull()
                ? JsonNodeFactory.instance.objectNode() : p.attributes();
        if (!attributes.isObject()) {
            errors.add(new Problem.FieldError("attributes", "must be a JSON object"));
        } else if (CustomerJson.write(attributes).getBytes(StandardCharsets.UTF_8).length > config.profile().attributesMaxBytes()) {
            errors.add(new Problem.FieldError("attributes", "must be at most " + config.profile().attributesMaxBytes() + " bytes of JSON"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        String timeZone = timeZone(p.timeZone());
        return new Normalised(p.kind() == null ? CustomerKind.PERSON : p.kind(), p.name().trim(), blankToNull(p.givenName()),
                blankToNull(p.familyName()), emails, phones, p.address(), p.acquisitionChannel(), blankToNull(p.accountManager()),
                p.consents() == null ? null : p.consents().marketing(),
                p.consents() == null ? null : p.consents().partnerSharing(), tags, attributes, timeZone);
    }

    /**
     * Writes {@code p} onto {@code c} and returns the names of the fields that changed. Refuses
     * an email that belongs to another customer (409 naming it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> apply(Customer c, CustomerProfile p, boolean creating) {
        Normalised n = normalise(p);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> changed = new ArrayList<>();
        change(c, changed, creating, "kind", c.kind, n.kind(), () -> c.kind = n.kind());
        change(c, changed, creating, "name", c.displayName, n.name(), () -> c.displayName = n.name());
        change(c, changed, creating, "givenName", c.givenName, n.givenName(), () -> c.givenName = n.givenName());
        change(c, changed, creating, "familyName", c.familyName, n.familyName(), () -> c.familyName = n.familyName());
        List<CustomerProfile.EmailAddress> oldEmails = creating ? List.of() : CustomerJson.emails(c);
        if (!oldEmails.equals(n.emails())) {
            claimEmails(c, oldEmails, n.emails());
        }
        change(c, changed, creating, "emails", oldEmails, n.emails(), () -> c.emails = CustomerJson.write(n.emails()));
        change(c, changed, creating, "email", c.email, n.primaryEmail(), () -> c.email = n.primaryEmail());
        change(c, changed, creating, "phones", creating ? List.of() : CustomerJson.phones(c), n.phones(),
                () -> c.phones = CustomerJson.write(n.phones()));
        change(c, changed, creating, "phone", c.phone, n.primaryPhone(), () -> c.phone = n.primaryPhone());
        change(c, changed, creating, "address", CustomerJson.address(c), n.address(), () -> c.address = CustomerJson.write(n.address()));
        change(c, changed, creating, "acquisitionChannel", c.acquisitionChannel, n.acquisitionChannel(),
                () -> c.acquisitionChannel = n.acquisitionChannel());
        if ("KEY_ACCOUNT".equals(c.segment) && n.accountManager() == null) {
            throw new ProblemException(422, "key-account-needs-manager", "Unprocessable request",
                    "accountManager: a KEY_ACCOUNT customer must have an account manager or team",
                    List.of(new Problem.FieldError("accountManager", "required for KEY_ACCOUNT customers")));
        }
        change(c, changed, creating, "accountManager", c.accountManager, n.accountManager(), () -> c.accountManager = n.accountManager());
        if (n.marketing() != null && (creating || n.marketing() != c.consentMarketing)) {
            change(c, changed, creating, "consents.marketing", creating ? null : c.consentMarketing, n.marketing(), () -> {
                c.consentMarketing = n.marketing();
                c.consentMarketingAt = now;
            });
        }
        if (n.partnerSharing() != null && (creating || n.partnerSharing() != c.consentPartnerSharing)) {
            change(c, changed, creating, "consents.partnerSharing", creating ? null : c.consentPartnerSharing, n.partnerSharing(), () -> {
                c.consentPartnerSharing = n.partnerSharing();
                c.consentPartnerSharingAt = now;
            });
        }
        change(c, changed, creating, "tags", creating ? List.of() : CustomerJson.tags(c), n.tags(), () -> c.tags = CustomerJson.write(n.tags()));
        change(c, changed, creating, "attributes", creating ? JsonNodeFactory.instance.objectNode() : CustomerJson.attributes(c),
                n.attributes(), () -> c.attributes = CustomerJson.write(n.attributes()));
        change(c, changed, creating, "timeZone", c.timeZone, n.timeZone(), () -> c.timeZone = n.timeZone());
        c.searchText = searchText(c.displayName, n.emails(), n.phones());
        if (!creating && changed.contains("emails")) {
            indexEmails(c);
        }
        return changed;
    }

    private void change(Customer c, List<String> changed, boolean creating, String field, Object oldValue, Object newValue,
                        Runnable set) {
        if (Objects.equals(oldValue, newValue)) {
            return;
        }
        set.run();
        changed.add(field);
        if (!creating) {
            history.record(c.id, field, oldValue, newValue);
        }
    }

    /**
     * Emails are unique across customers: the index table refuses a taken one, and we name its owner,
     * unless the caller is a partner who may not see that customer (the conflict itself cannot be hidden).
     */
    private void claimEmails(Customer c, List<CustomerProfile.EmailAddress> oldEmails, List<CustomerProfile.EmailAddress> newEmails) {
        // Two creates (or edits) claiming one address at once: each would find it free, and the second's
        // insert into the index would then be skipped (or trip the primary email's unique index as a bare
        // "duplicate"). Locking the address first makes the second wait, find the first's, and answer
        // duplicate-email naming it.
        AdvisoryLocks.lockAll(em, "customer-email", newEmails.stream().map(CustomerProfile.EmailAddress::address).toList());
        for (CustomerProfile.EmailAddress e : newEmails) {
            Object owner = em.createNativeQuery("select customer_id from customer_email where email = ?1")
                    .setParameter(1, e.address()).getResultStream().findFirst().orElse(null);
            if (owner != null && !owner.equals(c.id)) {
                ProblemException conflict = ProblemException.conflict("duplicate-email", "a customer with email " + e.address() + " already exists");
                throw visibility.hidden((UUID) owner) ? conflict : conflict.with("existingCustomerId", owner);
            }
        }
        List<String> keep = newEmails.stream().map(CustomerProfile.EmailAddress::address).toList();
        for (CustomerProfile.EmailAddress e : oldEmails) {
            if (!keep.contains(e.address())) {
                em.createNativeQuery("delete from customer_email where email = ?1").setParameter(1, e.address()).executeUpdate();
            }
        }
    }

    /** Adds the customer's emails to the uniqueness index; the customer row must exist (flushed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void indexEmails(Customer c) {
        for (CustomerProfile.EmailAddress e : CustomerJson.emails(c)) {
            em.createNativeQuery("insert into customer_email (email, customer_id) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, e.address()).setParameter(2, c.id).executeUpdate();
        }
    }

    static String searchText(String name, List<CustomerProfile.EmailAddress> emails, List<CustomerProfile.PhoneNumber> phones) {
        StringBuilder text = new StringBuilder(name == null ? "" : name.toLowerCase(Locale.ROOT));
        emails.forEach(e -> text.append(' ').append(e.address()));
        phones.forEach(p -> text.append(' ').append(p.number()));
        return text.toString();
    }

    /** IANA zone ids by lower case, to accept "asia/shanghai" as Asia/Shanghai. */
    private static final java.util.Map<String, String> ZONES = java.time.ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(z -> z.toLowerCase(Locale.ROOT), z -> z, (a, b) -> a));

    /** The IANA zone id as the time-zone database spells it; 422 when there is no such zone (offsets like +08:00 are not zones). */
    static String timeZone(String given) {
        String zone = blankToNull(given);
        if (zone == null) {
            return null;
        }
        String known = ZONES.get(zone.toLowerCase(Locale.ROOT));
        if (known == null) {
            throw new ProblemException(422, "unknown-time-zone", "Unprocessable request",
                    "timeZone: " + zone + " is not an IANA time zone such as Asia/Shanghai",
                    List.of(new Problem.FieldError("timeZone", "must be an IANA time zone such as Asia/Shanghai")));
        }
        return known;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
