package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.touchpoint.TouchpointModels.Channel;
import dev.crmsuite.customer.touchpoint.TouchpointModels.Phase;

/**
 * How a campaign message or an attended event reads on the customer's timeline: the channel its kind
 * travels by, and the phase of the relationship the customer is in (a customer who has not bought yet
 * is being won, PRE_SALE; anyone who bought is being kept, AFTER_SALE; a campaign is never the sale itself).
 */
public final class CampaignTouchpointRules {

    private CampaignTouchpointRules() {
    }

    /** NEWSLETTER and LETTER travel as themselves, an invitation is about an EVENT, an OFFER goes by EMAIL. */
    public static Channel channelOf(String kind) {
        return switch (kind) {
            case "NEWSLETTER" -> Channel.NEWSLETTER;
            case "LETTER" -> Channel.LETTER;
            case "EVENT_INVITATION" -> Channel.EVENT;
            case "OFFER" -> Channel.EMAIL;
            default -> throw new IllegalArgumentException("unknown campaign kind " + kind);
        };
    }

    /** PROSPECT and HESITANT customers (no purchase yet) are PRE_SALE; every later stage, LOST included, AFTER_SALE. */
    public static Phase phaseOf(String stage) {
        return stage == null || stage.equals("PROSPECT") || stage.equals("HESITANT") ? Phase.PRE_SALE : Phase.AFTER_SALE;
    }
}
