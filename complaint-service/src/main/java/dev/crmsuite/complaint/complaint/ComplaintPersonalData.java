package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * A complaint's free text that another service shows (the gateway's customer-360 shows subject and
 * outcome) goes on crm.complaints.personal as thing {@code complaint}, never into the complaint
 * events: crm.complaints is kept forever, the personal topic is compacted and tombstoned on erasure.
 * The record is the complaint's whole current text, so each write replaces the previous one.
 */
@ApplicationScoped
public class ComplaintPersonalData {

    static final String THING = "complaint";

    /** Data of crm.complaint.personal-data-recorded.v1; outcome and rootCause are null until resolved. */
    public record Recorded(UUID complaintId, UUID customerId, String subject, String outcome, String rootCause) {
    }

    private final PersonalData personalData;

    public ComplaintPersonalData(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** Records (replaces) the complaint's text under its current customer; nothing once the customer was erased. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Complaint c) {
        if (c.erasedAt != null) {
            return; // its text is gone and its key tombstoned: a later resolution or merge must not bring a record back
        }
        personalData.record(c.customerId, THING, c.id.toString(),
                new Recorded(c.id, c.customerId, c.subject, c.outcome, c.rootCause));
    }

    /** A merge moved the complaint: its record under the old customer goes, one under the new customer comes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(Complaint c, UUID from) {
        personalData.forget(from, THING, c.id.toString());
        record(c);
    }

    /** Erasure: tombstones every key this service recorded for the customer. Returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(UUID customerId) {
        return personalData.erase(customerId);
    }
}
