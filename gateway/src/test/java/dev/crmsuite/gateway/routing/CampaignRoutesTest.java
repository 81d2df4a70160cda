package dev.crmsuite.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.gateway.RawHttp;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign routes of issue 20 against a real customer-service stand-in ({@link StandInUpstream}):
 * a campaign invitation by its token reaches customer-service from an anonymous caller exactly as a
 * survey invitation reaches survey-service (an anonymous internal token, no scopes, so only the
 * service's {@code @PermitAll} operations can answer it), and every other campaign path is forwarded
 * with the caller's own token, never made public by the gateway.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StandInUpstream.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CampaignRoutesTest {

    @TestHTTPResource("/")
    URL base;

    static JsonNode claimsOf(String path) {
        String authorization = StandInUpstream.lastAuthorization(path);
        assertThat(authorization).as("internal token sent with " + path).isNotNull();
        return FakeService.internalClaims(new FakeService.Received("GET", path, Map.of("authorization", authorization), 0));
    }

    @Test
    void an_invitation_token_reaches_customer_service_anonymously_like_a_survey_invitation() {
        for (String[] call : List.of(new String[] {"GET", "/api/v1/campaign-invitations/tok-1/ok"},
                new String[] {"POST", "/api/v1/campaign-invitations/tok-2/rsvp/ok"},
                new String[] {"GET", "/api/v1/survey-invitations/tok-3/ok"})) {
            String path = call[1];
            int before = StandInUpstream.received(path);
            given().contentType("application/json").body("{\"rsvp\":\"ACCEPTED\"}").request(call[0], path).then().statusCode(200);
            assertThat(StandInUpstream.received(path)).as(path).isEqualTo(before + 1);
            JsonNode claims = claimsOf(path);
            assertThat(claims.path("kind").asText()).as(path).isEqualTo("anonymous");
            assertThat(claims.path("sub").asText()).isEqualTo("anonymous");
            assertThat(claims.path("groups")).as("an anonymous caller holds no scope").isEmpty();
        }
        assertThat(claimsOf("/api/v1/campaign-invitations/tok-1/ok").path("aud").toString()).contains("customer-service");
        assertThat(claimsOf("/api/v1/survey-invitations/tok-3/ok").path("aud").toString()).contains("survey-service");
    }

    @Test
    void every_campaign_prefix_goes_to_customer_service_with_the_callers_own_scopes() {
        for (String path : List.of("/api/v1/audiences/ok", "/api/v1/campaigns/ok", "/api/v1/campaign-deliveries/d-1/ok",
                "/api/v1/campaign-invitations/ok")) {
            given().header("Authorization", Credentials.viewer()).get(path).then().statusCode(200);
            JsonNode viewer = claimsOf(path);
            assertThat(viewer.path("kind").asText()).isEqualTo("staff");
            assertThat(viewer.path("groups").toString()).contains("campaigns:read").doesNotContain("campaigns:write");
            assertThat(viewer.path("aud").toString()).contains("customer-service");
            // No credentials: forwarded all the same, with nothing but the anonymous token, so the service's
            // @RolesAllowed refuses everything that is not @PermitAll (401 there).
            given().get(path).then().statusCode(200);
            assertThat(claimsOf(path).path("kind").asText()).isEqualTo("anonymous");
            assertThat(claimsOf(path).path("groups")).isEmpty();
        }
        given().header("Authorization", Credentials.staff()).get("/api/v1/campaigns/ok").then().statusCode(200);
        assertThat(claimsOf("/api/v1/campaigns/ok").path("groups").toString()).contains("campaigns:write");
    }

    @Test
    void odd_spellings_of_the_campaign_paths_are_400_and_never_forwarded() {
        List<String> odd = List.of("/api/v1/campaign-invitations/%2e", "/api/v1/campaign-invitations/.",
                "/api/v1/campaign-invitations/ok/", "/api/v1/campaign-invitations//ok", "/api/v1/campaign-invitations/t/../ok",
                "/api/v1/campaign-invitations/t/%2e%2e/ok", "/api/v1/campaign-invitations/t/%2E%2E/%2e%2e/campaigns/ok",
                "/api/v1/campaign-invitations/t%2fok", "/api/v1/campaign-invitations/t%5cok", "/api/v1/campaign-invitations;x/ok",
                "/api/v1/%63ampaign-invitations/ok", "/api/v1/campaign-invitations/t/rsvp;x=1", "/api/v1/campaign-invitations/%00",
                "/api/v1/%63ampaigns/ok", "/api/v1/campaigns//ok", "/api/v1/audiences/./ok", "/api/v1/campaign-deliveries/%2e%2e/ok",
                "/api/v1/campaign-invitations/t/%c0%ae%c0%ae/ok");
        int before = StandInUpstream.received("/api/v1/campaigns/ok") + StandInUpstream.received("/api/v1/campaign-invitations/ok")
                + StandInUpstream.received("/api/v1/audiences/ok");
        for (String path : odd) {
            for (String method : List.of("GET", "POST")) {
                RawHttp.Answer anonymous = RawHttp.send(base, method, path);
                assertThat(anonymous.status()).as(method + " " + path).isEqualTo(400);
                assertThat(anonymous.json().path("type").asText()).as(path).isEqualTo("https://crmsuite.dev/problems/non-canonical-path");
                assertThat(RawHttp.send(base, method, path, "Authorization", Credentials.staff()).status()).as(path).isEqualTo(400);
            }
        }
        assertThat(StandInUpstream.received("/api/v1/campaigns/ok") + StandInUpstream.received("/api/v1/campaign-invitations/ok")
                + StandInUpstream.received("/api/v1/audiences/ok")).as("forwarded").isEqualTo(before);
    }
}
