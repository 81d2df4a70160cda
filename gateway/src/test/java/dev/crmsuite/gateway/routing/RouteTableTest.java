package dev.crmsuite.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    @Test
    void routes_each_prefix_to_its_service_and_keeps_gateway_paths() {
        assertThat(RouteTable.serviceFor("/api/v1/customers")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/customers/42/purchases")).contains("customer");
        assertThat(RouteTable.serviceFor("/api/v1/customers/42/overview")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/loyalty/accounts/42")).contains("loyalty");
        assertThat(RouteTable.serviceFor("/api/v1/complaints")).contains("complaint");
        assertThat(RouteTable.serviceFor("/api/v1/survey-invitations/abc")).contains("survey");
        assertThat(RouteTable.serviceFor("/api/v1/customersX")).isEmpty();
        assertThat(RouteTable.serviceFor("/api/v1/admin/api-keys")).isEmpty();
    }
}
