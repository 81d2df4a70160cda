package dev.crmsuite.platform.contact;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final QuietHours overnight = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Test
    void outsideTheWindowADeliveryIsDueAtOnce() {
        Instant noonShanghai = Instant.parse("2026-12-02T04:00:00Z");
        assertFalse(overnight.contains(noonShanghai, SHANGHAI));
        assertEquals(noonShanghai, overnight.nextAllowed(noonShanghai, SHANGHAI));
    }

    @Test
    void lateEveningIsDeferredToTomorrowMorningInTheCustomersZone() {
        Instant tenPmShanghai = Instant.parse("2026-12-02T14:00:00Z");
        assertTrue(overnight.contains(tenPmShanghai, SHANGHAI));
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), overnight.nextAllowed(tenPmShanghai, SHANGHAI));
    }

    @Test
    void earlyMorningIsDeferredToTheSameMorning() {
        Instant threeAmBerlin = Instant.parse("2026-12-02T02:00:00Z");
        assertEquals(Instant.parse("2026-12-02T07:00:00Z"), overnight.nextAllowed(threeAmBerlin, BERLIN));
    }

    @Test
    void theSameInstantIsQuietInOneZoneAndNotInAnother() {
        Instant at = Instant.parse("2026-12-02T14:00:00Z");
        assertTrue(overnight.contains(at, SHANGHAI));
        assertFalse(overnight.contains(at, BERLIN));
    }

    @Test
    void theEndOfTheWindowIsNoLongerQuiet() {
        assertFalse(overnight.contains(Instant.parse("2026-12-03T00:00:00Z"), SHANGHAI));
        assertTrue(overnight.contains(Instant.parse("2026-12-02T13:00:00Z"), SHANGHAI));
    }

    @Test
    void aDaytimeWindowWorksToo() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        Instant halfPastTwelveUtc = Instant.parse("2026-12-02T12:30:00Z");
        assertEquals(Instant.parse("2026-12-02T13:00:00Z"), lunch.nextAllowed(halfPastTwelveUtc, ZoneId.of("UTC")));
    }

    @Test
    void equalStartAndEndMeansNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertFalse(none.contains(Instant.parse("2026-12-02T14:00:00Z"), SHANGHAI));
    }
}
