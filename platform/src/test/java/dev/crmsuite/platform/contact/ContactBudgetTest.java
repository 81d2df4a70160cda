package dev.crmsuite.platform.contact;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContactBudgetTest {

    private final ContactBudget budget = new ContactBudget(2, Duration.ofDays(30));

    @Test
    void noConsentIsRefusedBeforeTheBudgetIsLookedAt() {
        assertEquals(ContactRefusal.NO_MARKETING_CONSENT, budget.check(false, 0));
    }

    @Test
    void theBudgetAllowsUpToItsMaximumInTheWindow() {
        assertNull(budget.check(true, 0));
        assertNull(budget.check(true, 1));
        assertEquals(ContactRefusal.CONTACT_BUDGET_EXHAUSTED, budget.check(true, 2));
        assertEquals(ContactRefusal.CONTACT_BUDGET_EXHAUSTED, budget.check(true, Long.MAX_VALUE));
    }

    @Test
    void theWindowReachesOnePeriodBack() {
        assertEquals(Instant.parse("2026-11-02T10:00:00Z"), budget.windowStart(Instant.parse("2026-12-02T10:00:00Z")));
    }

    @Test
    void aZeroBudgetRefusesEveryone() {
        assertEquals(ContactRefusal.CONTACT_BUDGET_EXHAUSTED, new ContactBudget(0, Duration.ofDays(1)).check(true, 0));
    }

    @Test
    void nonsenseLimitsAreRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new ContactBudget(-1, Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new ContactBudget(1, Duration.ZERO));
    }
}
