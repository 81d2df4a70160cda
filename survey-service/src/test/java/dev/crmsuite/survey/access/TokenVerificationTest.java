package dev.crmsuite.survey.access;

import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * Only the gateway's signature, for this service, recently issued and short-lived, is believed: any
 * other token is no token, for the staff list and the public answer link alike.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class TokenVerificationTest {

    private static final String AUD = CallerKind.AUDIENCE;

    @Test
    void tokens_the_service_did_not_get_from_the_gateway_are_refused() {
        long now = Instant.now().getEpochSecond();
        String admin = InternalTokens.admin(AUD);
        String[] parts = admin.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String unsignedHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"groups\":[\"admin\"]", "\"groups\":[\"admin\",\"x\"]").getBytes(StandardCharsets.UTF_8));
        List<String> refused = List.of(
                InternalTokens.sign(AUD, "user:x", "staff", null, "x", List.of(Scopes.ADMIN), now, now + 3600, InternalTokens.ISSUER), // lives too long
                InternalTokens.sign(AUD, "user:x", "staff", null, "x", List.of(Scopes.ADMIN), now - 600, now - 300, InternalTokens.ISSUER), // expired
                InternalTokens.sign(AUD, "user:x", "staff", null, "x", List.of(Scopes.ADMIN), now, now + 60, "someone-else"), // other issuer
                InternalTokens.admin("loyalty-service"), // other audience
                InternalTokens.token(AUD, "user:x", "robot", null, "x", List.of(Scopes.ADMIN)), // unknown caller kind
                unsignedHeader + "." + parts[1] + ".", // alg none
                parts[0] + "." + forgedClaims + "." + parts[2], // claims changed after signing
                "not-a-jwt");
        for (String token : refused) {
            given().header("Authorization", "Bearer " + token).get("/api/v1/survey-invitations").then().statusCode(401);
            given().header("Authorization", "Bearer " + token).get("/api/v1/survey-invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                    .then().statusCode(401);
        }
        given().header("Authorization", "Bearer " + admin).get("/api/v1/survey-invitations").then().statusCode(200);
    }
}
