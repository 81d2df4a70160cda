package dev.crmsuite.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    @Test
    void routes_each_prefix_to_its_service_and_keeps_gateway_paths() {
        assertThat(RouteTable.serviceFor("/api/v1/customers")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/customers/42/purchases")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/customers/42/overview")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/customers/42/overview/x")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/loyalty/accounts/42")).contains("loyalty");
        assertThat(RouteTable.serviceFor("/api/v1/complaints")).contains("complaint");
        assertThat(RouteTable.serviceFor("/api/v1/escalations")).contains("complaint");
        assertThat(RouteTable.serviceFor("/api/v1/privacy/loyalty/customers/42/export")).contains("loyalty");
        assertThat(RouteTable.serviceFor("/api/v1/privacy/complaints/customers/42/export")).contains("complaint");
        assertThat(RouteTable.serviceFor("/api/v1/privacy/surveys/customers/42/export")).contains("survey");
        assertThat(RouteTable.serviceFor("/api/v1/privacy/customers/42/export")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/survey-invitations/abc")).contains("survey");
        assertThat(RouteTable.serviceFor("/api/v1/analytics/satisfaction/nps")).contains("survey");
        assertThat(RouteTable.serviceFor("/api/v1/analytics/customers")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/analytics/at-risk")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/analytics/backtests/risk")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/analytics")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/audiences")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/audiences/42/preview")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/campaigns")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/campaigns/42/deliveries")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/campaign-deliveries/42/reports")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/campaign-invitations/tok")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/campaign-invitations/tok/rsvp")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/campaign")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/campaignsX")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/campaign-invitationsX/tok")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/audience")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/customersX")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/admin/api-keys")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/webhooks")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/partner/openapi")).isEmpty();
    }

    @Test
    void nothing_but_api_v1_of_a_service_is_routed() {
        assertThat(RouteTable.serviceFor("/q/metrics")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v2/customers")).isEmpty();
        assertThat(RouteTable.serviceFor("/customers")).isEmpty();
        assertThat(RouteTable.serviceFor("/")).isEmpty();
    }

    @Test
    void a_path_that_is_not_canonical_is_never_routed() {
        assertThat(RouteTable.serviceFor("/api/v1/customers/%2e%2e/%2e%2e/%2e%2e/q/metrics")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1//customers")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/%63ustomers")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/customers/a%2fb")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/campaign-invitations/%2e%2e/campaigns")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/campaign-invitations/tok/..")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/campaign-invitations/tok%2frsvp")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/%63ampaigns")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/campaigns;x=1/42")).isEmpty();
    }
}
