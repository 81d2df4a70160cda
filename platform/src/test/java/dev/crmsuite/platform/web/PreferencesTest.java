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
}
