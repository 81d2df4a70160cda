package dev.crmsuite.platform.contact;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Marketing contact limits, the same for every service that contacts customers (campaigns in
 * customer-service, invitations in survey-service). Documented here once.
 */
@ConfigMapping(prefix = "crm.contact")
public interface ContactConfig {

    Budget budget();

    QuietHoursWindow quietHours();

    /** The time zone of a customer who has not given one (IANA name), for quiet hours. */
    @WithDefault("Asia/Shanghai")
    ZoneId defaultZone();

    interface Budget {
        /** At most this many contacts (campaign deliveries and survey invitations together) per customer... */
        @WithDefault("4")
        int maxContacts();

        /** ...within any period this long (ISO-8601 duration). */
        @WithDefault("P30D")
        Duration period();
    }

    interface QuietHoursWindow {
        /** Local time in the customer's zone when quiet hours begin (no deliveries until {@link #end()}). */
        @WithDefault("21:00")
        LocalTime start();

        /** Local time when they end; equal to start: no quiet hours. */
        @WithDefault("08:00")
        LocalTime end();
    }
}
