package dev.crmsuite.gateway.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventReadScopesTest {

    @Test
    void a_type_needs_the_read_scope_of_its_service() {
        assertThat(EventReadScopes.needed("crm.customer.registered.v1")).containsExactly("customers:read");
        assertThat(EventReadScopes.needed("crm.purchase.*")).containsExactly("customers:read");
        assertThat(EventReadScopes.needed("crm.points.earned.v1")).containsExactly("loyalty:read");
        assertThat(EventReadScopes.needed("crm.complaint.*")).containsExactly("complaints:read");
        assertThat(EventReadScopes.needed("crm.survey.response.submitted.v1")).containsExactly("surveys:read");
        assertThat(EventReadScopes.needed("crm.campaign.delivery-requested.v1")).containsExactly("campaigns:read");
        assertThat(EventReadScopes.needed("crm.campaign.*")).containsExactly("campaigns:read");
    }

    @Test
    void wider_patterns_need_every_read_scope_and_types_no_service_publishes_none() {
        assertThat(EventReadScopes.needed("*")).isEqualTo(EventReadScopes.EVERY_READ);
        assertThat(EventReadScopes.needed("crm.c*")).isEqualTo(EventReadScopes.EVERY_READ);
        assertThat(EventReadScopes.needed("crm.future.*")).isEqualTo(EventReadScopes.EVERY_READ);
        assertThat(EventReadScopes.needed("crm.camp*")).isEqualTo(EventReadScopes.EVERY_READ);
        assertThat(EventReadScopes.EVERY_READ).contains("campaigns:read");
        assertThat(EventReadScopes.needed("crm.drill.never.v1")).isEmpty();
    }
}
