package dev.crmsuite.complaint.escalation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The escalation chain: team lead first, one step up per further escalation, the global chain as fallback. */
class EscalationChainsTest {

    static final Set<String> TEAMS = Set.of("care", "billing", "logistics", "leads");
    static final Set<String> HANDLERS = Set.of("ann", "ben", "dina", "care-lead", "finance-lead", "head-of-care");

    final EscalationChains chains = new EscalationChains(Map.of(
            "care", List.of("care-lead", "head-of-care"),
            "billing", List.of("finance-lead")),
            List.of("head-of-care"), TEAMS, HANDLERS);

    @Test
    void the_first_escalation_reaches_the_team_lead_the_next_one_the_next_in_the_chain() {
        assertThat(chains.ownerAt("care", 1)).isEqualTo("care-lead");
        assertThat(chains.ownerAt("care", 2)).isEqualTo("head-of-care");
    }

    @Test
    void past_the_end_of_the_chain_the_top_keeps_it() {
        assertThat(chains.ownerAt("care", 3)).isEqualTo("head-of-care");
        assertThat(chains.ownerAt("care", 50)).isEqualTo("head-of-care");
        assertThat(chains.ownerAt("billing", 2)).isEqualTo("finance-lead");
    }

    @Test
    void a_team_without_a_chain_and_a_complaint_in_no_team_use_the_global_chain() {
        assertThat(chains.ownerAt("logistics", 1)).isEqualTo("head-of-care");
        assertThat(chains.ownerAt(null, 1)).isEqualTo("head-of-care");
        assertThat(chains.chainOf("logistics")).containsExactly("head-of-care");
    }

    @Test
    void levels_start_at_one() {
        assertThatThrownBy(() -> chains.ownerAt("care", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void owners_are_known() {
        assertThat(chains.isOwner("care-lead")).isTrue();
        assertThat(chains.isOwner("head-of-care")).isTrue();
        assertThat(chains.isOwner("ann")).isFalse();
    }

    @Test
    void a_chain_naming_someone_who_is_no_handler_fails_at_start_up() {
        assertThatThrownBy(() -> new EscalationChains(Map.of("care", List.of("care-lead", "zed")), List.of("head-of-care"),
                TEAMS, HANDLERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crm.complaint.escalation.chain.care").hasMessageContaining("zed is no handler");
        assertThatThrownBy(() -> new EscalationChains(Map.of(), List.of("nobody"), TEAMS, HANDLERS))
                .hasMessageContaining("crm.complaint.escalation.default-chain").hasMessageContaining("nobody is no handler");
    }

    @Test
    void a_chain_of_an_unknown_team_or_an_empty_chain_fails_at_start_up() {
        assertThatThrownBy(() -> new EscalationChains(Map.of("sales", List.of("ann")), List.of("head-of-care"), TEAMS, HANDLERS))
                .hasMessageContaining("crm.complaint.escalation.chain.sales: no such team");
        assertThatThrownBy(() -> new EscalationChains(Map.of(), List.of(), TEAMS, HANDLERS))
                .hasMessageContaining("default-chain: name at least one owner");
        assertThatThrownBy(() -> new EscalationChains(Map.of("care", List.of("care-lead", " ")), List.of("head-of-care"), TEAMS,
                HANDLERS)).hasMessageContaining("no empty names");
    }
}
