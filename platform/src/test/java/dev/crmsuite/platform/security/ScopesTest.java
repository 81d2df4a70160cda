package dev.crmsuite.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesTest {

    @Test
    void the_set_is_closed_and_names_what_is_unknown() {
        assertThat(Scopes.unknown(List.of("customers:read", "webhooks:manage"))).isEmpty();
        assertThat(Scopes.unknown(List.of("customers:read", "root", "Admin"))).containsExactly("Admin", "root");
    }

    @Test
    void admin_implies_every_scope_and_is_never_grantable_to_partners() {
        assertThat(Scopes.effective(List.of("admin"))).isEqualTo(Scopes.ALL);
        assertThat(Scopes.effective(List.of("customers:read", "made-up"))).containsExactly("customers:read");
        assertThat(Scopes.GRANTABLE_TO_PARTNERS).doesNotContain("admin").hasSize(Scopes.ALL.size() - 1);
    }

    @Test
    void a_caller_has_a_scope_it_holds_or_admin() {
        Caller partner = new Caller("partner:p", Caller.Kind.PARTNER, "p", "P", Scopes.effective(List.of("customers:read")));
        assertThat(partner.has("customers:read")).isTrue();
        assertThat(partner.has("customers:write")).isFalse();
        assertThat(Caller.anonymous().has("customers:read")).isFalse();
    }
}
