package dev.crmsuite.platform.testing;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Hands the test run's internal-token keys to the application under test, as {@code ./crm up} and
 * Kubernetes do through the environment. Only on the test class path (platform-test is a test
 * dependency), and below real environment variables (ordinal 250 &lt; 300).
 */
public class InternalTokensConfig implements ConfigSource {

    private static final Set<String> NAMES = Set.of("CRM_INTERNAL_PUBLIC_KEY_LOCATION", "CRM_INTERNAL_PRIVATE_KEY_LOCATION");

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("CRM_INTERNAL_PUBLIC_KEY_LOCATION", getValue("CRM_INTERNAL_PUBLIC_KEY_LOCATION"),
                "CRM_INTERNAL_PRIVATE_KEY_LOCATION", getValue("CRM_INTERNAL_PRIVATE_KEY_LOCATION"));
    }

    @Override
    public String getValue(String name) {
        return switch (name) {
            case "CRM_INTERNAL_PUBLIC_KEY_LOCATION" -> InternalTokens.publicKeyFile().toUri().toString();
            case "CRM_INTERNAL_PRIVATE_KEY_LOCATION" -> InternalTokens.privateKeyFile().toUri().toString();
            default -> null;
        };
    }

    @Override
    public int getOrdinal() {
        return 250;
    }

    @Override
    public String getName() {
        return "crm-test-internal-tokens";
    }
}
