package dev.crmsuite.customer.campaign;

/** What a campaign sends, which decides the contact address it needs (docs/campaigns.md). */
public enum CampaignKind {
    NEWSLETTER, LETTER, EVENT_INVITATION, OFFER;

    /** A letter goes to a postal address; everything else to an email address. */
    public boolean needsPostalAddress() {
        return this == LETTER;
    }
}
