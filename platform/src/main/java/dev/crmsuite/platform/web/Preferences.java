package dev.crmsuite.platform.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The {@code Prefer} request header (RFC 7240) as far as the suite honours it. */
public final class Preferences {

    public static final String HEADER = "Prefer";
    public static final String APPLIED = "Preference-Applied";
    public static final String RESPOND_ASYNC = "respond-async";
    public static final String WAIT = "wait";

    private Preferences() {
    }

    /**
     * Whether {@code prefer} asks for {@code respond-async}: preferences are comma-separated, names are
     * case-insensitive, and each may carry a value or parameters ({@code respond-async, wait=10}).
     */
    public static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String name = preference.split("[;=]", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (name.equals(RESPOND_ASYNC)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code wait} preference: how long the client will wait for a synchronous answer (RFC 7240
     * section 4.3, {@code wait=10}, delta-seconds, quotes allowed). Empty when absent or not a
     * number of seconds; a value past a day is a day (no run is answered that long).
     */
    public static Optional<Duration> waitFor(String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].strip().toLowerCase(Locale.ROOT).equals(WAIT)) {
                String value = nameAndValue[1].strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Optional.of(value.length() > 5 ? Duration.ofDays(1)
                            : Duration.ofSeconds(Math.min(Long.parseLong(value), Duration.ofDays(1).toSeconds())));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
