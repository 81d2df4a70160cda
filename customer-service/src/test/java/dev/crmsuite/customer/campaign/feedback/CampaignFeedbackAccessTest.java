package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.campaign.RsvpTokens;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of campaign feedback and reports x every kind of caller (none, the gateway's anonymous
 * token, partners with and without the scope, the delivering partner, viewer, staff, admin): 401 without a
 * token, 403 without the scope or for a partner on a staff-only operation, 404 for a partner on a delivery it
 * does not deliver, the operation's answer otherwise; refused calls change nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CampaignFeedbackAccessTest {

    static final String AUD = Api.AUDIENCE;
    static final String[] EVERY_PARTNER_SCOPE = Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new);

    /** The callers, by name, with their Authorization header. */
    static final Map<String, String> CALLERS = new java.util.LinkedHashMap<>();

    static {
        CALLERS.put("none", InternalTokens.NO_TOKEN);
        CALLERS.put("anonymous", "Bearer " + InternalTokens.anonymous(AUD));
        CALLERS.put("other-service", "Bearer " + InternalTokens.admin("loyalty-service"));
        CALLERS.put("partner-unrelated", "Bearer " + InternalTokens.partner(AUD, "p-unrelated", Scopes.LOYALTY_READ));
        CALLERS.put("partner-all", "Bearer " + InternalTokens.partner(AUD, "p-all", EVERY_PARTNER_SCOPE));
        CALLERS.put("partner-delivering", "Bearer " + InternalTokens.partner(AUD, "p-delivering", EVERY_PARTNER_SCOPE));
        CALLERS.put("viewer", "Bearer " + InternalTokens.staff(AUD, Scopes.CUSTOMERS_READ, Scopes.CAMPAIGNS_READ, Scopes.LOYALTY_READ));
        CALLERS.put("staff", "Bearer " + InternalTokens.staff(AUD, EVERY_PARTNER_SCOPE));
        CALLERS.put("admin", "Bearer " + InternalTokens.admin(AUD));
    }

    /** A fresh world for each call: a sharing customer, an invitation delivered by p-delivering, its event started. */
    record World(String customer, UUID campaign, UUID delivery, String token) {
        static World create(boolean eventStarted) {
            String customer = Api.register("{\"name\":\"" + Api.unique("Access") + "\",\"email\":\"" + Api.email()
                    + "\",\"consents\":{\"marketing\":true,\"partnerSharing\":true}}");
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            UUID campaign = CampaignFixtures.invitation("p-delivering", eventStarted ? now.minusHours(1) : now.plusDays(3));
            UUID run = CampaignFixtures.run(campaign, 1, now.minusDays(2), true);
            String token = RsvpTokens.create();
            UUID delivery = CampaignFixtures.delivery(campaign, run, UUID.fromString(customer), "REQUESTED", "RELATIONAL", now.minusDays(2), token);
            return new World(customer, campaign, delivery, token);
        }
    }

    record Op(String name, boolean writes, Supplier<World> world, java.util.function.BiFunction<RequestSpecification, World, Response> call,
              Map<String, Integer> expected) {
    }

    static Map<String, Integer> expect(int none, int anonymous, int partnerUnrelated, int partnerAll, int partnerDelivering, int viewer,
                                       int staff, int admin) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        m.put("none", none);
        m.put("anonymous", anonymous);
        m.put("other-service", 401);
        m.put("partner-unrelated", partnerUnrelated);
        m.put("partner-all", partnerAll);
        m.put("partner-delivering", partnerDelivering);
        m.put("viewer", viewer);
        m.put("staff", staff);
        m.put("admin", admin);
        return m;
    }

    static final List<Op> OPS = List.of(
            new Op("POST /campaign-deliveries/{id}/reports", true, () -> World.create(false),
                    (r, w) -> r.contentType(ContentType.JSON).body("{\"report\":\"DELIVERED\"}")
                            .post("/api/v1/campaign-deliveries/" + w.delivery() + "/reports"),
                    expect(401, 401, 403, 404, 201, 403, 201, 201)),
            new Op("GET /campaign-invitations/{token}", false, () -> World.create(false),
                    (r, w) -> r.get("/api/v1/campaign-invitations/" + w.token()),
                    expect(401, 200, 200, 200, 200, 200, 200, 200)),
            new Op("POST /campaign-invitations/{token}/rsvp", true, () -> World.create(false),
                    (r, w) -> r.contentType(ContentType.JSON).body("{\"response\":\"ACCEPTED\"}")
                            .post("/api/v1/campaign-invitations/" + w.token() + "/rsvp"),
                    expect(401, 201, 201, 201, 201, 201, 201, 201)),
            new Op("POST /campaigns/{id}/attendance", true, () -> World.create(true),
                    (r, w) -> r.contentType(ContentType.JSON).body("{\"customerIds\":[\"" + w.customer() + "\"]}")
                            .post("/api/v1/campaigns/" + w.campaign() + "/attendance"),
                    expect(401, 401, 403, 403, 403, 403, 200, 200)),
            new Op("GET /campaigns/{id}/report", false, () -> World.create(false),
                    (r, w) -> r.get("/api/v1/campaigns/" + w.campaign() + "/report"),
                    expect(401, 401, 403, 403, 403, 200, 200, 200)),
            new Op("GET /customers/{id}/communications", false, () -> World.create(false),
                    (r, w) -> r.get("/api/v1/customers/" + w.customer() + "/communications"),
                    expect(401, 401, 403, 200, 200, 200, 200, 200)));

    @Test
    void every_operation_answers_each_caller_as_its_permission_says_and_refused_writes_change_nothing() {
        List<String> failures = new ArrayList<>();
        for (Op op : OPS) {
            for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
                World w = op.world().get();
                String before = state(w);
                Response r = op.call().apply(given().header("Authorization", caller.getValue()), w);
                int expected = op.expected().get(caller.getKey());
                String what = op.name() + " as " + caller.getKey() + ": ";
                if (r.statusCode() != expected) {
                    failures.add(what + "expected " + expected + ", got " + r.statusCode() + " " + r.asString());
                } else if (expected >= 400 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    failures.add(what + expected + " without problem+json");
                }
                if (op.writes() && expected >= 400 && !before.equals(state(w))) {
                    failures.add(what + "refused (" + r.statusCode() + ") but changed something");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** What any of these writes would change: the delivery row, its reports, the customer's touchpoints, the last event. */
    static String state(World w) {
        return Rows.value("""
                select concat_ws(' | ', (select concat_ws(',', status, delivered_at, rsvp, rsvp_at, attended_at) from campaign_delivery where id = ?),
                       (select count(*) from campaign_delivery_report where delivery_id = ?),
                       (select count(*) from touchpoint where customer_id = ?),
                       (select coalesce(max(seq), 0) from outbox_event))""", w.delivery(), w.delivery(), UUID.fromString(w.customer()));
    }
}
