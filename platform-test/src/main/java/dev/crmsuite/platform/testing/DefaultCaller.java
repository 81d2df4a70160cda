package dev.crmsuite.platform.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * In a service's tests every REST Assured request is sent by an admin through the gateway, i.e.
 * with an internal admin token for the service, unless the test names its own caller in
 * {@code Authorization} (an {@link InternalTokens} token, or {@link InternalTokens#NO_TOKEN} for none).
 * The gateway's own tests are left alone: its callers present external credentials.
 */
public class DefaultCaller implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var config = ConfigProvider.getConfig();
        String internalIssuer = config.getOptionalValue("crm.internal-token.issuer", String.class).orElse(null);
        String verifiedIssuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse(null);
        if (internalIssuer == null || !internalIssuer.equals(verifiedIssuer)) {
            return;
        }
        String audience = config.getValue("quarkus.application.name", String.class);
        if (!RestAssured.filters().contains(installed)) {
            installed = adminUnlessNamed(audience);
            RestAssured.filters(installed);
        }
    }

    private static Filter installed;

    private static Filter adminUnlessNamed(String audience) {
        return (request, response, ctx) -> {
            String given = request.getHeaders().getValue("Authorization");
            if (given == null) {
                request.header("Authorization", "Bearer " + InternalTokens.admin(audience));
            } else if (given.equals(InternalTokens.NO_TOKEN)) {
                request.removeHeader("Authorization");
            }
            return ctx.next(request, response);
        };
    }
}
