package dev.crmsuite.gateway.access;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway does not start with an identity provider that could pass for the gateway itself, or with unknown scopes. */
class StaffIdentitiesTest {

    static AccessConfig config(Map<String, String> roleScopes) {
        return new AccessConfig() {
            @Override
            public Map<String, String> roleScopes() {
                return roleScopes;
            }

            @Override
            public RateLimit rateLimit() {
                return new RateLimit() {
                    @Override
                    public int userRequestsPerMinute() {
                        return 600;
                    }

                    @Override
                    public int addressRequestsPerMinute() {
                        return 60_000;
                    }

                    @Override
                    public java.time.Duration replicaHeartbeat() {
                        return java.time.Duration.ofSeconds(5);
                    }

                    @Override
                    public int maxBuckets() {
                        return 100;
                    }
                };
            }
        };
    }

    @Test
    void the_external_issuer_must_not_be_the_internal_one() {
        assertThatThrownBy(() -> new StaffIdentities(config(Map.of()), "crm-gateway", "crm-gateway").check(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must differ from crm.internal-token.issuer");
        assertThatCode(() -> new StaffIdentities(config(Map.of("viewer", "customers:read")), "https://id.example.com", "crm-gateway")
                .check(null)).doesNotThrowAnyException();
    }

    @Test
    void roles_map_only_to_known_scopes() {
        assertThatThrownBy(() -> new StaffIdentities(config(Map.of("staff", "customers:read everything")), "https://id.example.com",
                "crm-gateway").check(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("everything");
    }
}
