package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.customer.segment.Segmentation;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Partial updates with JSON Merge Patch, guarded by If-Match. */
@ApplicationScoped
public class CustomerUpdates {

    @Inject
    Customers customers;
    @Inject
    ProfileEditor editor;
    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Segmentation segmentation;
    @Inject
    PartnerVisibility visibility;
    @Inject
    PersonalData personalData;

    public static CustomerProfile profileOf(Customer c) {
        return new CustomerProfile(c.kind, c.displayName, c.givenName, c.familyName, c.email, CustomerJson.emails(c),
                c.phone, CustomerJson.phones(c), CustomerJson.address(c), c.acquisitionChannel, c.accountManager,
                new CustomerProfile.Consents(c.consentMarketing, c.consentPartnerSharing), CustomerJson.tags(c),
                CustomerJson.attributes(c), c.timeZone);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Customer patch(UUID id, String ifMatch, String body) throws JsonProcessingException {
        Customer c = customers.lock(id);
        if (c.erased()) {
            throw new ProblemException(409, "customer-erased", "Conflict", "customer " + id + " was erased; it cannot be edited");
        }
        Versions.requireMatch(ifMatch, c.version);
        JsonNode patch;
        try {
            patch = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                    "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object (a JSON Merge Patch)");
        }
        // Consents are the customer's word, given to staff; partner-sharing consent is what decides what
        // partners see, so a partner changing it would grant itself access. Refused, whatever the value.
        if (patch.has("consents") && visibility.partnerCalling()) {
            throw new ProblemException(403, "consents-not-changeable", "Forbidden",
                    "consents: partners cannot change a customer's consents; the customer gives or withdraws them through staff",
                    List.of(new Problem.FieldError("consents", "cannot be changed by partners")));
        }
        ObjectNode current = json.valueToTree(profileOf(c));
        // The shorthands "email"/"phone" and the lists describe the same data: whichever the patch
        // names wins. Patching "email" alone replaces the primary address rather than adding one.
        shorthand(current, patch, "email", "emails");
        shorthand(current, patch, "phone", "phones");
        JsonNode merged = MergePatch.apply(current, patch);
        // Unknown or mistyped members surface as Jackson errors: the platform maps them to 400 naming the field.
        CustomerProfile profile = json.treeToValue(merged, CustomerProfile.class);
        Set<ConstraintViolation<CustomerProfile>> violations = validator.validate(profile);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        CustomerPersonalData before = CustomerPersonalData.of(c);
        List<String> changed = editor.apply(c, profile, false);
        if (changed.isEmpty()) {
            return c;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        c.updatedAt = now;
        if (changed.contains("accountManager")) {
            segmentation.refresh(c);
        }
        em.flush();
        outbox.append(c.id.toString(), CustomerUpdated.TYPE, new CustomerUpdated(CustomerSnapshot.of(c), changed, now));
        // The event names what changed; the new values of name, email, phone or address go to the personal topic only.
        if (!before.equals(CustomerPersonalData.of(c))) {
            CustomerPersonalData.record(personalData, c);
        }
        return c;
    }

    private static void shorthand(ObjectNode current, JsonNode patch, String single, String list) {
        if (patch.has(single) && !patch.has(list)) {
            ArrayNode entries = (ArrayNode) current.get(list);
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).path("primary").asBoolean()) {
                    entries.remove(i);
                }
            }
        } else if (patch.has(list) && !patch.has(single)) {
            current.remove(single);
        }
    }
}
