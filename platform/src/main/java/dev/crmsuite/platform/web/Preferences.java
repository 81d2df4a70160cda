package dev.crmsuite.platform.web;

import java.util.Locale;

/** The {@code Prefer} request header (RFC 7240) as far as the suite honours it. */
public final class Preferences {

    public static final String HEADER = "Prefer";
    public static final String APPLIED = "Preference-Applied";
    public static final String RESPOND_ASYNC = "respond-async";

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
}
