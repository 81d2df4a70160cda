package dev.crmsuite.loyalty.goodwill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoodwillBudgetTest {

    static final GoodwillBudget BUDGET = new GoodwillBudget(500, 1_000);

    @Test
    void grants_within_both_budgets() {
        assertThat(BUDGET.check(500, 500).granted()).isTrue();
    }

    @Test
    void refuses_over_the_per_complaint_budget_with_the_reason() {
        var verdict = BUDGET.check(501, 0);
        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.reason()).contains("per-complaint budget of 500");
    }

    @Test
    void refuses_over_the_monthly_budget_with_the_reason() {
        var verdict = BUDGET.check(300, 800);
        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.reason()).contains("monthly budget of 1000");
    }

    @Test
    void refuses_what_the_balance_cannot_hold_instead_of_failing_in_the_ledger() {
        var verdict = BUDGET.check(300, 0, 299);
        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.reason()).contains("may still hold (299 points)");
        assertThat(BUDGET.check(300, 0, 300).granted()).isTrue();
        assertThat(BUDGET.check(501, 0, 1_000).reason()).contains("per-complaint budget of 500");
    }
}
