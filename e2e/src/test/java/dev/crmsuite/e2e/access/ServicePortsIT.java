package dev.crmsuite.e2e.access;

import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.InternalTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller who gets past the gateway, or never goes through it, can reach of a service:
 * nothing under /api without the gateway's internal token for that very service (a token the
 * gateway signed for another service, an expired one, a frontend JWT or none are all 401), and
 * neither health nor metrics on any API port; those answer only on the management ports.
 */
@ExtendWith(RunningSuite.class)
class ServicePortsIT {

    /** One read of each service, answered 200 to the gateway's admin token for it. */
    static final Map<String, String> READS = Map.of("customer-service", "/api/v1/customers", "loyalty-service", "/api/v1/loyalty/tiers",
            "complaint-service", "/api/v1/complaints", "survey-service", "/api/v1/surveys");

    @Test
    void a_service_answers_api_requests_only_with_the_gateways_token_for_it() throws Exception {
        List<String> findings = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, String> read : READS.entrySet()) {
            String service = read.getKey();
            String path = read.getValue();
            long now = Instant.now().getEpochSecond();
            String other = READS.keySet().stream().filter(s -> !s.equals(service)).sorted().findFirst().orElseThrow();
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("no token", null);
            refused.put("the gateway's admin token for " + other, InternalTokens.admin(other));
            refused.put("an expired token", InternalTokens.sign(service, "user:x", "staff", null, "x", List.of("admin"), now - 600, now - 300,
                    InternalTokens.ISSUER));
            refused.put("a token from another issuer", InternalTokens.sign(service, "user:x", "staff", null, "x", List.of("admin"), now, now + 60,
                    "someone-else"));
            refused.put("a token valid for a day", InternalTokens.sign(service, "user:x", "staff", null, "x", List.of("admin"), now, now + 86_400,
                    InternalTokens.ISSUER));
            refused.put("a frontend admin JWT", JwtKeys.token("ports-admin", "admin"));
            for (Map.Entry<String, String> token : refused.entrySet()) {
                Map<String, String> headers = token.getValue() == null ? Map.of() : Map.of("Authorization", "Bearer " + token.getValue());
                RawHttp.Answer a = RawHttp.send(RunningSuite.url(service), "GET", path, headers, null);
                sent++;
                if (a.status() != 401) {
                    findings.add(service + " GET " + path + " with " + token.getKey() + ": " + a.status() + " " + AccessFixtures.abbreviate(a.body()));
                }
            }
            // The control: the gateway's token for this service is accepted.
            RawHttp.Answer control = RawHttp.send(RunningSuite.url(service), "GET", path,
                    Map.of("Authorization", "Bearer " + InternalTokens.admin(service)), null);
            sent++;
            if (control.status() != 200) {
                findings.add(service + " GET " + path + " with its own admin token (the control): " + control.status() + " "
                        + AccessFixtures.abbreviate(control.body()));
            }
        }
        System.out.printf("service ports: %d direct requests to %d services, %d findings%n", sent, READS.size(), findings.size());
        assertThat(findings).as("direct calls to the services' API ports").isEmpty();
    }

    @Test
    void health_and_metrics_answer_only_on_the_management_ports() throws Exception {
        List<String> findings = new ArrayList<>();
        for (String service : RunningSuite.SERVICES) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics")) {
                RawHttp.Answer api = RawHttp.send(RunningSuite.url(service), "GET", path, Map.of(), null);
                if (api.status() != 404) {
                    findings.add(service + " API port GET " + path + ": " + api.status() + " (expected 404)");
                }
                RawHttp.Answer management = RawHttp.send(RunningSuite.managementUrl(service), "GET", path, Map.of(), null);
                if (management.status() != 200) {
                    findings.add(service + " management port GET " + path + ": " + management.status() + " (expected 200)");
                }
            }
            // The management interface serves nothing else: no API, no documents.
            for (String path : List.of("/api/v1/customers", "/q/openapi")) {
                RawHttp.Answer a = RawHttp.send(RunningSuite.managementUrl(service), "GET", path,
                        Map.of("Authorization", "Bearer " + InternalTokens.admin(service)), null);
                if (a.status() / 100 == 2) {
                    findings.add(service + " management port GET " + path + ": " + a.status() + " (expected nothing there)");
                }
            }
        }
        // Through the gateway: the proxy reaches nothing of a service but its /api/v1 operations.
        for (String path : List.of("/api/v1/customers/%2e%2e/%2e%2e/%2e%2e/q/metrics", "/api/v1/customers/../../../q/metrics",
                "/api/v1/loyalty/..%2f..%2f..%2fq/health")) {
            RawHttp.Answer a = RawHttp.send(RunningSuite.gateway(), "GET", path,
                    Map.of("Authorization", JwtKeys.bearer("ports-admin", "admin")), null);
            if (a.status() != 400 || !a.isProblem()) {
                findings.add("gateway GET " + path + ": " + a.status() + " " + a.contentType() + " (expected 400 problem+json)");
            }
        }
        assertThat(findings).as("health and metrics exposure").isEmpty();
    }
}
