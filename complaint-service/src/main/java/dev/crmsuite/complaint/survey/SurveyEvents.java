package dev.crmsuite.complaint.survey;

import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.complaint.complaint.Channel;
import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.complaint.complaint.ComplaintWorkflow;
import dev.crmsuite.complaint.complaint.Conversation;
import dev.crmsuite.complaint.complaint.NewComplaint;
import dev.crmsuite.complaint.complaint.Category;
import dev.crmsuite.complaint.customer.KnownCustomers;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Closes the loop with crm.surveys: a customer who answers the survey about a resolved complaint
 * unhappily was not really helped. Within the reopen window the complaint is reopened; after it
 * (or if the complaint is unknown here) a new complaint is filed, linked to the old one; if the
 * complaint is still being worked on, the answer is added as an internal comment for the handler.
 */
@ApplicationScoped
public class SurveyEvents implements EventSubscriber {

    private static final Logger LOG = Logger.getLogger(SurveyEvents.class);
    static final String UNHAPPY = "crm.survey.unhappy-response.v1";

    @Inject
    ComplaintWorkflow workflow;
    @Inject
    Conversation conversation;
    @Inject
    KnownCustomers customers;

    /** No comment: the customer's words stay in survey-service (the event log is kept forever), so none is read here. */
    record UnhappyResponse(UUID responseId, UUID surveyId, UUID invitationId, UUID customerId, String scoreType,
                           Integer score, String triggerEventType, UUID complaintId, OffsetDateTime submittedAt) {
    }

    @Override
    public String name() {
        return "complaint-survey-loop";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.surveys");
    }

    @Override
    public boolean handles(String eventType) {
        return UNHAPPY.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (!UNHAPPY.equals(event.type())) {
            return;
        }
        UnhappyResponse r = EventJson.data(event, UnhappyResponse.class);
        if (r.complaintId() == null) {
            return; // not about a complaint: nothing of ours to reopen
        }
        // The handler who picks the reopened complaint up reads this: say what happened, with the score and the
        // response to look up in survey-service for the customer's words.
        String reason = "the customer answered the survey about this complaint unhappily (" + r.scoreType() + " " + r.score()
                + ", unhappy survey response " + r.responseId() + ")";
        Complaint c = Complaint.forUpdate(r.complaintId()).orElse(null);
        if (c != null && workflow.canReopen(c)) {
            workflow.reopen(c, reason, Caller.SYSTEM_ACTOR);
            return;
        }
        if (c != null && c.status.active()) {
            conversation.comment(c, new Conversation.NewComment(reason, Conversation.Visibility.INTERNAL), Caller.SYSTEM_ACTOR,
                    workflow.now());
            return;
        }
        UUID customerId = c != null ? c.customerId : r.customerId();
        if (customerId == null) {
            throw new PoisonEventException("unhappy response about unknown complaint " + r.complaintId() + " names no customer");
        }
        var known = customers.current(customerId);
        if (known.isPresent() && known.get().erasedAt() != null) {
            LOG.infof("unhappy response %s concerns erased customer %s; nothing filed", r.responseId(), customerId);
            return;
        }
        String description = "The customer answered the survey about complaint " + r.complaintId() + " unhappily ("
                + r.scoreType() + " " + r.score() + ", unhappy survey response " + r.responseId() + ").";
        workflow.file(new NewComplaint(customerId, Channel.WEB, c != null ? c.category : Category.OTHER,
                        "Unhappy survey response after complaint " + r.complaintId(), description, null),
                Caller.SYSTEM_ACTOR, c != null ? c.id : null);
    }
}
