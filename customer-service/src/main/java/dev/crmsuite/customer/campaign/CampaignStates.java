package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.problem.ProblemException;

/**
 * The campaign state machine: DRAFT → SCHEDULED → SENDING → SENT, or CANCELLED from DRAFT or
 * SCHEDULED. A recurring campaign goes back from SENDING to SCHEDULED after each run while another
 * run follows, and may be cancelled while SENDING: the run in progress is finished (its members are
 * being decided and some already contacted), no further run starts. A one-off campaign that is
 * SENDING is past the point of no return. Every refused move is a 409.
 */
public final class CampaignStates {

    private CampaignStates() {
    }

    /** Only a draft may be edited: what was scheduled is what gets sent. */
    public static void requireEditable(CampaignStatus status) {
        if (status != CampaignStatus.DRAFT) {
            throw conflict("campaign-not-editable", "only a DRAFT campaign can be changed; this one is " + status);
        }
    }

    public static CampaignStatus schedule(CampaignStatus status) {
        if (status != CampaignStatus.DRAFT) {
            throw conflict("campaign-not-schedulable", "only a DRAFT campaign can be scheduled; this one is " + status);
        }
        return CampaignStatus.SCHEDULED;
    }

    /** A run starts sending. */
    public static CampaignStatus startRun(CampaignStatus status) {
        if (status != CampaignStatus.SCHEDULED) {
            throw new IllegalStateException("a run starts only for a SCHEDULED campaign, not " + status);
        }
        return CampaignStatus.SENDING;
    }

    /** Every member of a run is decided; {@code anotherRun}: a recurring campaign scheduled its next run. */
    public static CampaignStatus runDecided(CampaignStatus status, boolean anotherRun) {
        return switch (status) {
            case SENDING -> anotherRun ? CampaignStatus.SCHEDULED : CampaignStatus.SENT;
            // Cancelled while sending: the run was finished, the campaign stays cancelled.
            case CANCELLED -> CampaignStatus.CANCELLED;
            default -> throw new IllegalStateException("no run is sending for a " + status + " campaign");
        };
    }

    public static CampaignStatus cancel(CampaignStatus status, boolean recurring) {
        return switch (status) {
            case DRAFT, SCHEDULED -> CampaignStatus.CANCELLED;
            case SENDING -> {
                if (!recurring) {
                    throw conflict("campaign-sending", "the campaign is being sent; a one-off campaign cannot be cancelled any more");
                }
                yield CampaignStatus.CANCELLED;
            }
            case SENT -> throw conflict("campaign-sent", "the campaign was sent; it cannot be cancelled");
            case CANCELLED -> throw conflict("campaign-cancelled", "the campaign is already cancelled");
        };
    }

    private static ProblemException conflict(String slug, String detail) {
        return ProblemException.conflict(slug, detail);
    }
}
