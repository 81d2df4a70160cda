package dev.crmsuite.gateway.openapi;

/**
 * Marks a {@code @StaffOnly} operation in the document ({@code x-crm-staff-only: true}): partners
 * get 403 there whatever scopes their key holds, so a partner's cut of the document leaves it out,
 * and the suite's generated access tests expect that 403.
 */
public final class StaffOnlyDocumented {

    public static final String EXTENSION = "x-crm-staff-only";

    private StaffOnlyDocumented() {
    }
}
