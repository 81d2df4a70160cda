package dev.crmsuite.survey;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The survey knobs ({@code crm.survey.*}). Each one is documented once, in
 * {@code application.properties}; the defaults here only repeat those values.
 */
@ConfigMapping(prefix = "crm.survey")
public interface SurveyConfig {

    Invitation invitation();

    Unhappy unhappy();

    Periodic periodic();

    Results results();

    Anonymous anonymous();

    @WithDefault("4000")
    int freeTextMaxLength();

    interface Invitation {
        @WithDefault("P14D")
        Duration validity();

        @WithDefault("32")
        int tokenBytes();
    }

    interface Unhappy {
        @WithDefault("6")
        int npsMax();

        @WithDefault("2")
        int csatMax();
    }

    interface Results {
        /** Smallest group of an anonymous survey whose choice distribution is shown; never below 1. */
        @WithDefault("5")
        int minimumGroup();
    }

    interface Anonymous {
        /** The longest random delay before an anonymous response's event is published. */
        @WithDefault("PT6H")
        Duration publishDelay();

        @WithDefault("5m")
        String publishEvery();

        @WithDefault("500")
        int batchSize();
    }

    interface Periodic {
        @WithDefault("1h")
        String checkEvery();

        @WithDefault("500")
        int batchSize();
    }
}
