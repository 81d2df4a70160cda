package dev.crmsuite.gateway.personal;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.EventSubscriber;
import dev.crmsuite.platform.privacy.PersonalData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Keeps {@link PersonalCopies} from the personal topics of the services whose personal data the
 * gateway shows or sends (customer-service: profile, touchpoint, follow-up, lost reason;
 * complaint-service: complaint), and from {@code crm.customer.erased.v1} on {@code crm.customers}.
 * A record replaces the copy of its key, a tombstone deletes it, an erasure deletes every copy of the
 * customer. Replayed from the beginning with every overview rebuild (its own generation).
 */
@ApplicationScoped
public class PersonalCopyEvents implements EventSubscriber {

    static final String ERASED = "crm.customer.erased.v1";

    private final PersonalCopies copies;

    public PersonalCopyEvents(PersonalCopies copies) {
        this.copies = copies;
    }

    @Override
    public String name() {
        return PersonalCopies.NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of(PersonalData.topicOf("crm.customers"), PersonalData.topicOf("crm.complaints"), "crm.customers");
    }

    @Override
    public boolean handles(String eventType) {
        return ERASED.equals(eventType) || PersonalRecords.isRecord(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (ERASED.equals(event.type())) {
            copies.erase(event);
        } else {
            copies.keep(event);
        }
    }

    @Override
    public void handleTombstone(String topic, String key) {
        if (key != null && PersonalData.isPersonalTopic(topic)) {
            copies.forget(key);
        }
    }

    @Override
    public String generation() {
        return Long.toString(QuarkusTransaction.requiringNew().call(copies::generation));
    }
}
