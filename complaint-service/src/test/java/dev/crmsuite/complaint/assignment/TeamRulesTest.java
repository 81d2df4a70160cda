package dev.crmsuite.complaint.assignment;

import dev.crmsuite.complaint.complaint.Category;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamRulesTest {

    final TeamRules rules = new TeamRules(Map.of(
            "care", new TeamRules.Team("care", List.of("ann", "ben", "cho"), Set.of(Category.PRODUCT)),
            "billing", new TeamRules.Team("billing", List.of("dina"), Set.of(Category.BILLING))),
            "care");

    @Test
    void category_rule_then_default_team() {
        assertThat(rules.forCategory(Category.BILLING)).get().extracting(TeamRules.Team::name).isEqualTo("billing");
        assertThat(rules.forCategory(Category.DELIVERY)).get().extracting(TeamRules.Team::name).isEqualTo("care");
    }

    @Test
    void round_robin_goes_round_the_team() {
        TeamRules.Team care = rules.team("care").orElseThrow();
        assertThat(List.of(0L, 1L, 2L, 3L, 4L).stream().map(t -> TeamRules.memberFor(care, t)))
                .containsExactly("ann", "ben", "cho", "ann", "ben");
    }

    @Test
    void a_default_team_that_does_not_exist_is_refused() {
        assertThatThrownBy(() -> new TeamRules(Map.of(), "nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handlers_are_the_team_members_and_hold_work_only_in_their_teams() {
        assertThat(rules.handlers()).containsExactly("ann", "ben", "cho", "dina");
        assertThat(rules.refusal("ben", "care")).isEmpty();
        assertThat(rules.refusal("ben", null)).as("no team yet: any handler").isEmpty();
        assertThat(rules.refusal("zed", null)).get().asString().contains("no such handler");
        assertThat(rules.refusal("dina", "care")).get().asString().contains("not a member of team care").contains("billing");
    }
}
