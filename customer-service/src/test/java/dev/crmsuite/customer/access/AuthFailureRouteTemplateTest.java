package dev.crmsuite.customer.access;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The route's name for the HTTP metrics is worked out only when authentication or authorisation
 * fails (platform {@code AuthFailureRouteTemplate}), not on every request, and such a failure is
 * still answered in problem+json and counted under the route's template, never its raw path.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AuthFailureRouteTemplateTest {

    static final String PROBE = "X-Test-Route-Probe";

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /**
     * Looks at a probed request after authentication and the template-path filter (order -199),
     * before authorisation (-100): whether the route's template was already worked out by then.
     */
    @ApplicationScoped
    static class Probe {
        static final Map<String, Boolean> templateKnownEarly = new ConcurrentHashMap<>();

        void install(@Observes Router router) {
            router.route().order(-150).handler(rc -> {
                String probe = rc.request().getHeader(PROBE);
                if (probe != null) {
                    // where Quarkus REST keeps it: the request's own Vert.x context
                    var context = ((io.vertx.core.http.impl.HttpServerRequestInternal) rc.request()).context();
                    templateKnownEarly.put(probe, context.getLocal("UrlPathTemplate") != null);
                }
                rc.next();
            });
        }
    }

    @Test
    void an_answered_request_is_not_matched_twice_to_name_its_route() {
        String customer = Fixture.customer(true);
        String probe = UUID.randomUUID().toString();
        given().header(PROBE, probe).header("Authorization", "Bearer " + InternalTokens.staff(Api.AUDIENCE, "customers:read"))
                .get("/api/v1/customers/" + customer).then().statusCode(200);
        assertThat(Probe.templateKnownEarly).containsEntry(probe, false);
    }

    @Test
    void a_request_refused_before_the_resource_is_counted_under_its_template() {
        String unknown = UUID.randomUUID().toString();
        double before = refusedTimelineReads(scrape());
        // refused by the through-gateway policy (no token) and by authentication itself (a bad one)
        for (String authorization : new String[]{InternalTokens.NO_TOKEN, "Bearer not-a-jwt"}) {
            given().header("Authorization", authorization).get("/api/v1/customers/" + unknown + "/timeline")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
        }
        String after = scrape();
        assertThat(refusedTimelineReads(after) - before).isEqualTo(2.0);
        assertThat(after).doesNotContain(unknown);
    }

    String scrape() {
        return given().header("Authorization", InternalTokens.NO_TOKEN).get(metrics).then().statusCode(200).extract().asString();
    }

    /** The count of 401 answers to GET /api/v1/customers/{id}/timeline in a Prometheus scrape. */
    static double refusedTimelineReads(String scraped) {
        return scraped.lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("method=\"GET\"")
                        && l.contains("status=\"401\"") && l.contains("uri=\"/api/v1/customers/{id}/timeline\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
