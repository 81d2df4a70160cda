package dev.crmsuite.customer.campaign;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every campaign operation x every kind of caller: 401 without a valid token for this service, 403
 * for a partner (staff-only, even with campaigns scopes), for staff without the campaigns scope and
 * for a viewer on writes; the operation's own answer otherwise; a refused write changes nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CampaignAccessTest {

    static final String AUD = Api.AUDIENCE;

    enum Caller {
        NONE(InternalTokens.NO_TOKEN),
        ANONYMOUS("Bearer " + InternalTokens.anonymous(AUD)),
        OTHER_AUDIENCE("Bearer " + InternalTokens.admin("loyalty-service")),
        PARTNER_UNRELATED("Bearer " + InternalTokens.partner(AUD, "p-unrelated", Scopes.LOYALTY_READ)),
        PARTNER_ALL("Bearer " + InternalTokens.partner(AUD, "p-all", Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new))),
        STAFF_CUSTOMERS_ONLY("Bearer " + InternalTokens.staff(AUD, Scopes.CUSTOMERS_READ, Scopes.CUSTOMERS_WRITE)),
        VIEWER("Bearer " + InternalTokens.staff(AUD, Scopes.CUSTOMERS_READ, Scopes.CAMPAIGNS_READ)),
        STAFF("Bearer " + InternalTokens.staff(AUD, Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new))),
        ADMIN("Bearer " + InternalTokens.admin(AUD));

        final String authorization;

        Caller(String authorization) {
            this.authorization = authorization;
        }

        /** 401, 403, or 0 for "allowed". */
        int expected(boolean writes) {
            return switch (this) {
                case NONE, ANONYMOUS, OTHER_AUDIENCE -> 401;
                case PARTNER_UNRELATED, PARTNER_ALL, STAFF_CUSTOMERS_ONLY -> 403;
                case VIEWER -> writes ? 403 : 0;
                case STAFF, ADMIN -> 0;
            };
        }
    }

    record Op(String method, Function<String, String> path, String body, String contentType, boolean ifMatch, int success) {
        boolean writes() {
            return !method.equals("GET");
        }
    }

    static final List<Op> OPS = List.of(
            new Op("POST", id -> "/api/v1/campaigns", null, "application/json", false, 201),
            new Op("GET", id -> "/api/v1/campaigns", null, null, false, 200),
            new Op("GET", id -> "/api/v1/campaigns/" + id, null, null, false, 200),
            new Op("PATCH", id -> "/api/v1/campaigns/" + id, "{\"subject\":\"changed\"}", "application/merge-patch+json", true, 200),
            new Op("POST", id -> "/api/v1/campaigns/" + id + "/schedule", "{}", "application/json", false, 200),
            new Op("POST", id -> "/api/v1/campaigns/" + id + "/cancellation", "{\"reason\":\"access\"}", "application/json", false, 200),
            new Op("GET", id -> "/api/v1/campaigns/" + id + "/deliveries", null, null, false, 200));

    @Inject
    EntityManager em;

    @Test
    void every_campaign_operation_answers_each_caller_as_its_permission_says_and_refused_writes_change_nothing() {
        UUID audience = CampaignFixtures.audience(em, Api.unique("access").toLowerCase());
        String create = "{\"name\":\"Access\",\"kind\":\"OFFER\",\"audienceId\":\"" + audience + "\",\"subject\":\"Hi\",\"templateKey\":\"offer/a\"}";
        String shared = CampaignFixtures.create(create);
        List<String> failures = new ArrayList<>();
        for (Op op : OPS) {
            for (Caller caller : Caller.values()) {
                int expected = caller.expected(op.writes());
                String id = expected == 0 && op.writes() ? CampaignFixtures.create(create) : shared;
                String before = given().get("/api/v1/campaigns/" + id).asString();
                RequestSpecification request = given().header("Authorization", caller.authorization);
                String body = op.method().equals("POST") && op.path().apply(id).equals("/api/v1/campaigns") ? create : op.body();
                if (body != null) {
                    request.contentType(op.contentType()).body(body);
                }
                if (op.ifMatch()) {
                    request.header("If-Match", given().get("/api/v1/campaigns/" + id).then().extract().header("ETag"));
                }
                Response r = request.request(op.method(), op.path().apply(id));
                String what = op.method() + " " + op.path().apply("{id}") + " as " + caller + ": ";
                int wanted = expected == 0 ? op.success() : expected;
                if (r.statusCode() != wanted) {
                    failures.add(what + "expected " + wanted + ", got " + r.statusCode() + " " + r.asString());
                } else if (expected != 0 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    failures.add(what + expected + " without problem+json: " + r.contentType());
                }
                if (expected != 0 && !before.equals(given().get("/api/v1/campaigns/" + id).asString())) {
                    failures.add(what + "refused but changed the campaign");
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
