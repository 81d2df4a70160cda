package dev.crmsuite.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesTest {

    @Test
    void respond_async_is_found_among_other_preferences_in_any_case() {
        assertThat(Preferences.respondAsync("respond-async")).isTrue();
        assertThat(Preferences.respondAsync("return=minimal, Respond-Async ; foo=bar, wait=10")).isTrue();
        assertThat(Preferences.respondAsync(" RESPOND-ASYNC")).isTrue();
    }

    @Test
    void anything_else_is_not_respond_async() {
        assertThat(Preferences.respondAsync(null)).isFalse();
        assertThat(Preferences.respondAsync("")).isFalse();
        assertThat(Preferences.respondAsync("wait=10")).isFalse();
        assertThat(Preferences.respondAsync("respond-asynchronously")).isFalse();
        assertThat(Preferences.respondAsync("return=respond-async")).isFalse();
    }

    @Test
    void wait_is_read_in_seconds_among_other_preferences() {
        assertThat(Preferences.waitFor("wait=10")).contains(java.time.Duration.ofSeconds(10));
        assertThat(Preferences.waitFor("return=minimal, WAIT = 3 ; x=y")).contains(java.time.Duration.ofSeconds(3));
        assertThat(Preferences.waitFor("respond-async, wait=\"0\"")).contains(java.time.Duration.ZERO);
        assertThat(Preferences.waitFor("wait=99999999999999999999")).contains(java.time.Duration.ofDays(1));
    }

    @Test
    void a_wait_that_is_not_seconds_is_no_wait() {
        assertThat(Preferences.waitFor(null)).isEmpty();
        assertThat(Preferences.waitFor("respond-async")).isEmpty();
        assertThat(Preferences.waitFor("wait")).isEmpty();
        assertThat(Preferences.waitFor("wait=")).isEmpty();
        assertThat(Preferences.waitFor("wait=-1")).isEmpty();
        assertThat(Preferences.waitFor("wait=1.5")).isEmpty();
        assertThat(Preferences.waitFor("wait=ten")).isEmpty();
        assertThat(Preferences.waitFor("waiting=10")).isEmpty();
    }
}
