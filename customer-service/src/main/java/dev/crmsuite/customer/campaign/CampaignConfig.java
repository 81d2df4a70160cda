package dev.crmsuite.customer.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Campaign sending knobs (crm.campaign.*), documented in application.properties. */
@ConfigMapping(prefix = "crm.campaign")
public interface CampaignConfig {

    Sending sending();

    interface Sending {
        /** When due runs are sent and due deferred deliveries requested ("off" in tests, which call the sweep). */
        String sweepCron();

        /** Audience members decided per transaction: a crash loses at most one page's work, which is then redone. */
        @WithDefault("500")
        int pageSize();

        /** Deferred deliveries requested per transaction once their quiet hours end. */
        @WithDefault("200")
        int deferredBatch();
    }
}
