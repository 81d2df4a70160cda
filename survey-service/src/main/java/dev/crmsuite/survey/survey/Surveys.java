package dev.crmsuite.survey.survey;

import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.web.Versions;
import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creating, editing and publishing surveys. */
@ApplicationScoped
public class Surveys {

    @Inject
    SurveyStore store;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyStore.SurveyRow create(SurveyDraft request) {
        SurveyDraft draft = Questionnaire.normalise(request);
        Instant now = clock.instant();
        SurveyStore.SurveyRow row = new SurveyStore.SurveyRow(UUID.randomUUID(), 0, draft, null, now, now);
        store.insert(row);
        return row;
    }

    public SurveyStore.SurveyRow get(UUID id) {
        return store.find(id, false).orElseThrow(() -> ProblemException.notFound("survey", id));
    }

    /** Replaces the draft. Published versions and the responses bound to them are untouched. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyStore.SurveyRow update(UUID id, String ifMatch, SurveyDraft request) {
        SurveyStore.SurveyRow current = store.find(id, true).orElseThrow(() -> ProblemException.notFound("survey", id));
        Versions.requireMatch(ifMatch, current.version());
        SurveyDraft draft = Questionnaire.normalise(request);
        store.updateDraft(id, draft, clock.instant());
        return store.find(id, false).orElseThrow();
    }

    /** Freezes the draft into the next version; new invitations use it, old responses keep theirs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyStore.VersionRow publish(UUID id) {
        SurveyStore.SurveyRow current = store.find(id, true).orElseThrow(() -> ProblemException.notFound("survey", id));
        List<SurveyStore.VersionRow> versions = store.versions(id);
        if (!versions.isEmpty() && versions.getLast().content().equals(current.draft())) {
            throw ProblemException.conflict("nothing-to-publish",
                    "the draft is identical to version " + versions.getLast().version() + "; edit it first");
        }
        Questionnaire.requireKeysKeepTheirMeaning(current.draft().questions(),
                versions.stream().map(SurveyStore.VersionRow::questions).toList());
        Instant now = clock.instant();
        SurveyStore.VersionRow version = new SurveyStore.VersionRow(id, versions.size() + 1, current.draft(), now);
        store.insertVersion(version);
        outbox.append(id.toString(), SurveyPublished.TYPE,
                new SurveyPublished(id, version.version(), current.draft().title(), Rows.utc(now)));
        return version;
    }

    public boolean unpublishedChanges(SurveyStore.SurveyRow row) {
        if (row.latestVersion() == null) {
            return true;
        }
        return store.findVersion(row.id(), row.latestVersion()).map(v -> !v.content().equals(row.draft())).orElse(true);
    }

    public SurveyStore.VersionRow version(UUID id, int version) {
        return store.findVersion(id, version)
                .orElseThrow(() -> ProblemException.notFound("version " + version + " of survey", id));
    }
}
