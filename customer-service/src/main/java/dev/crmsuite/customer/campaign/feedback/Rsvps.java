package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.campaign.RsvpTokens;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Answering an event invitation through the token of its public link ({@link RsvpRules}). */
@ApplicationScoped
public class Rsvps {

    /** What a token can look like (URL-safe Base64, as survey answer tokens): anything else is 404 without a lookup. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,200}");

    static boolean plausible(String token) {
        return token != null && TOKEN_SHAPE.matcher(token).matches();
    }

    /** The invitation after an answer, and whether the answer was recorded now (201) or a repeat (200). */
    public record Answered(RsvpModels.InvitationView view, boolean created) {
    }

    private final EntityManager em;
    private final PartnerVisibility visibility;
    private final Outbox outbox;
    private final Clock clock;

    public Rsvps(EntityManager em, PartnerVisibility visibility, Outbox outbox, Clock clock) {
        this.em = em;
        this.visibility = visibility;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public RsvpModels.InvitationView open(String token) {
        return view(open(token, false));
    }

    @Transactional
    public Answered answer(String token, RsvpRules.Response response) {
        // Row lock: two answers sent at once serialise here, and the second sees the first.
        DeliveryRow d = open(token, true);
        switch (RsvpRules.answer(d.rsvp(), response)) {
            case REPEAT -> {
                return new Answered(view(d), false);
            }
            case CHANGE_REFUSED -> throw ProblemException.conflict("rsvp-already-given",
                    "this invitation was already answered " + d.rsvp() + "; an invitation is answered once");
            case RECORD -> {
            }
        }
        OffsetDateTime now = now();
        em.createNativeQuery("update campaign_delivery set rsvp = ?2, rsvp_at = ?3 where id = ?1")
                .setParameter(1, d.id()).setParameter(2, response.name()).setParameter(3, now).executeUpdate();
        outbox.append(d.customerId().toString(), RsvpModels.RsvpRecorded.TYPE,
                new RsvpModels.RsvpRecorded(d.id(), d.campaignId(), d.customerId(), response, now));
        return new Answered(new RsvpModels.InvitationView(d.campaignName(), d.event(), response, now), true);
    }

    /** The invitation behind a token while it can be answered; 404 for unknown tokens, 410 once closed. */
    private DeliveryRow open(String token, boolean lock) {
        if (!plausible(token)) {
            throw unknownToken();
        }
        List<Tuple> rows = em.createNativeQuery("select " + DeliveryRow.COLUMNS + """
                         from campaign_delivery d join campaign c on c.id = d.campaign_id
                        where d.rsvp_token_hash = ?1 and c.kind = 'EVENT_INVITATION'""" + (lock ? " for update of d" : ""), Tuple.class)
                .setParameter(1, RsvpTokens.hash(token)).getResultList();
        DeliveryRow d = rows.isEmpty() ? null : DeliveryRow.of(rows.getFirst());
        // A message never sent (deferred, bounced) has no link anyone received; a partner holding the token
        // of a customer hidden from partners learns nothing, not even that the invitation exists.
        if (d == null || !d.sent() || visibility.hidden(d.customerId())) {
            throw unknownToken();
        }
        String closed = RsvpRules.closedBecause(d.campaignStatus(), d.event() == null ? null : d.event().startsAt(), now());
        if (closed != null) {
            throw new ProblemException(410, "invitation-closed", "Invitation closed", closed);
        }
        return d;
    }

    private static RsvpModels.InvitationView view(DeliveryRow d) {
        return new RsvpModels.InvitationView(d.campaignName(), d.event(), d.rsvp() == null ? null : RsvpRules.Response.valueOf(d.rsvp()),
                d.rsvpAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException unknownToken() {
        return new ProblemException(404, "unknown-invitation", "Not found", "no invitation has this token");
    }
}
