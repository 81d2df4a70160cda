package dev.crmsuite.customer.campaign.report;

import dev.crmsuite.customer.campaign.feedback.CampaignFixtures;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a run with purchases recorded through the purchase API: the lift is CampaignLiftTest's
 * hand-computed example (recipients buy 2, 0, 1, 1 times for 100.00, 0, 50.00, 30.00 net; the holdout 1, 0, 0
 * times for 40.00, 0, 0), plus purchases outside the window that must not count.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CampaignReportTest {

    static final OffsetDateTime SENT = OffsetDateTime.now(ZoneOffset.UTC).minusDays(20).truncatedTo(ChronoUnit.SECONDS);

    static UUID customer() {
        return UUID.fromString(Api.register());
    }

    static String buy(UUID customer, String amount, OffsetDateTime at) {
        return Api.purchase(customer.toString(), "ORD-" + UUID.randomUUID(), amount, false, at.toString());
    }

    @Test
    void delivery_figures_and_the_lift_overall_and_per_segment() {
        UUID campaign = CampaignFixtures.campaign("OFFER", "SENT", null, null, 14);
        UUID run = CampaignFixtures.run(campaign, 1, SENT, true);
        UUID a = customer(), b = customer(), c = customer(), d = customer(), e = customer(), f = customer(), g = customer(),
                h = customer(), i = customer();
        UUID da = CampaignFixtures.delivery(campaign, run, a, "REQUESTED", "RELATIONAL", SENT, null);
        CampaignFixtures.delivery(campaign, run, b, "REQUESTED", "RELATIONAL", SENT, null);
        UUID dc = CampaignFixtures.delivery(campaign, run, c, "REQUESTED", "RELATIONAL", SENT, null);
        UUID dd = CampaignFixtures.delivery(campaign, run, d, "REQUESTED", "RELATIONAL", SENT, null);
        CampaignFixtures.delivery(campaign, run, e, "HOLDOUT", "RELATIONAL", null, null);
        CampaignFixtures.delivery(campaign, run, f, "HOLDOUT", "RELATIONAL", null, null);
        CampaignFixtures.delivery(campaign, run, g, "HOLDOUT", "TRANSACTIONAL", null, null);
        CampaignFixtures.delivery(campaign, run, h, "EXCLUDED", "RELATIONAL", null, null);
        CampaignFixtures.delivery(campaign, run, i, "DEFERRED", "TRANSACTIONAL", SENT.plusHours(10), null);
        // through the reports API, as a partner would: A opened and clicked, C bounced, D delivered
        report(da, "OPENED");
        report(da, "CLICKED");
        report(dc, "BOUNCED");
        report(dd, "DELIVERED");

        buy(a, "60.00", SENT.plusDays(1));
        buy(a, "40.00", SENT.plusDays(13));
        buy(b, "500.00", SENT.minusDays(1));          // before the window
        buy(b, "700.00", SENT.plusDays(15));          // after it
        String refunded = buy(c, "80.00", SENT.plusDays(2));
        given().contentType(ContentType.JSON).body("{\"amount\":30.00}")
                .post("/api/v1/customers/" + c + "/purchases/" + refunded + "/refunds").then().statusCode(201);
        buy(d, "30.00", SENT.plusDays(3));
        buy(e, "40.00", SENT.plusDays(4));
        buy(g, "900.00", SENT.minusDays(3));          // before the window
        buy(h, "1000.00", SENT.plusDays(1));          // excluded: in no group

        JsonPath r = given().get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("run.number")).isEqualTo(1);
        assertThat(r.getString("measuredFrom")).isEqualTo(SENT.toInstant().toString());
        assertThat(r.getString("measuredUntil")).isEqualTo(SENT.plusDays(14).toInstant().toString());
        assertThat(r.getBoolean("windowComplete")).isTrue();
        assertThat(r.getString("currency")).isEqualTo("CNY");
        assertThat(r.getLong("overall.audienceSize")).isEqualTo(9);
        assertThat(r.getInt("overall.excluded.NO_MARKETING_CONSENT")).isEqualTo(1);
        assertThat(r.getInt("overall.excluded.ERASED")).isZero();
        assertThat(r.getInt("overall.holdout")).isEqualTo(3);
        assertThat(r.getInt("overall.requested")).isEqualTo(4);
        assertThat(r.getInt("overall.deferred")).isEqualTo(1);
        assertThat(r.getInt("overall.delivered")).isEqualTo(2);
        assertThat(r.getInt("overall.bounced")).isEqualTo(1);
        assertThat(r.getInt("overall.opened")).isEqualTo(1);
        assertThat(r.getInt("overall.clicked")).isEqualTo(1);
        assertThat(r.getString("overall.deliveryRate")).isEqualTo("0.5");
        assertThat(r.getString("overall.bounceRate")).isEqualTo("0.25");
        assertThat(r.getString("overall.openRate")).isEqualTo("0.5");
        assertThat((Object) r.get("overall.invitations")).isNull();

        // the hand-computed example of CampaignLiftTest
        assertThat(r.getInt("overall.lift.recipients.customers")).isEqualTo(4);
        assertThat(r.getString("overall.lift.recipients.revenuePerCustomer")).isEqualTo("45.0");
        assertThat(r.getString("overall.lift.holdout.revenuePerCustomer")).isEqualTo("13.33");
        assertThat(r.getString("overall.lift.revenuePerCustomer.estimate")).isEqualTo("31.67");
        assertThat(r.getString("overall.lift.revenuePerCustomer.low")).isEqualTo("-17.12");
        assertThat(r.getString("overall.lift.revenuePerCustomer.high")).isEqualTo("80.45");
        assertThat(r.getString("overall.lift.purchasesPerCustomer.estimate")).isEqualTo("0.6667");
        assertThat(r.getString("overall.lift.purchasesPerCustomer.low")).isEqualTo("-0.3663");
        assertThat(r.getString("overall.lift.conversionRate.estimate")).isEqualTo("0.4167");
        assertThat(r.getString("overall.lift.conversionRate.low")).isEqualTo("-0.4");

        // per segment: RELATIONAL holdout is E and F (40.00 and 0): diff 45 - 20 = 25,
        // SE = sqrt(1766.67/4 + 800/2) = 29.0115, 25 ± 56.8625 -> [-31.86, 81.86]
        assertThat(r.getList("segments.segment")).containsExactly("RELATIONAL", "TRANSACTIONAL");
        assertThat(r.getInt("segments[0].audienceSize")).isEqualTo(7);
        assertThat(r.getString("segments[0].lift.revenuePerCustomer.estimate")).isEqualTo("25.0");
        assertThat(r.getString("segments[0].lift.revenuePerCustomer.low")).isEqualTo("-31.86");
        assertThat(r.getString("segments[0].lift.revenuePerCustomer.high")).isEqualTo("81.86");
        // TRANSACTIONAL: one held-out customer, no recipient: no difference at all
        assertThat(r.getInt("segments[1].lift.holdout.customers")).isEqualTo(1);
        assertThat(r.getString("segments[1].lift.holdout.revenuePerCustomer")).isEqualTo("0.0");
        assertThat((Object) r.get("segments[1].lift.revenuePerCustomer.estimate")).isNull();
        assertThat((Object) r.get("segments[1].deliveryRate")).isNull();
    }

    @Test
    void runs_are_chosen_by_number_or_the_latest_finished_one() {
        UUID campaign = CampaignFixtures.campaign("NEWSLETTER", "SENT", null, null, 30);
        CampaignFixtures.run(campaign, 1, SENT, true);
        CampaignFixtures.run(campaign, 2, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), false);
        given().get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("run.number", org.hamcrest.Matchers.equalTo(1)).body("windowComplete", org.hamcrest.Matchers.equalTo(false));
        given().queryParam("run", 2).get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("run.number", org.hamcrest.Matchers.equalTo(2)).body("overall.audienceSize", org.hamcrest.Matchers.equalTo(0))
                .body("overall.lift.recipients.customers", org.hamcrest.Matchers.equalTo(0));
        given().queryParam("run", 3).get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(404);
        for (String bad : new String[] {"0", "-1", "abc", "1.5", "99999999999"}) {
            given().queryParam("run", bad).get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get("/api/v1/campaigns/" + UUID.randomUUID() + "/report").then().statusCode(404).contentType("application/problem+json");
        UUID unsent = CampaignFixtures.campaign("NEWSLETTER", "SCHEDULED", null, null, 30);
        given().get("/api/v1/campaigns/" + unsent + "/report").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void an_invitation_reports_answers_and_attendance() {
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS);
        UUID campaign = CampaignFixtures.invitation(null, started);
        UUID run = CampaignFixtures.run(campaign, 1, started.minusDays(10), true);
        UUID[] guests = {customer(), customer(), customer(), customer()};
        UUID[] deliveries = new UUID[4];
        for (int k = 0; k < 4; k++) {
            deliveries[k] = CampaignFixtures.delivery(campaign, run, guests[k], "REQUESTED", "KEY_ACCOUNT", started.minusDays(10), null);
        }
        Rows.update("update campaign_delivery set rsvp = 'ACCEPTED', rsvp_at = now() where id in (?, ?, ?)",
                deliveries[0], deliveries[1], deliveries[2]);
        Rows.update("update campaign_delivery set rsvp = 'DECLINED', rsvp_at = now() where id = ?", deliveries[3]);
        given().contentType(ContentType.JSON).body("{\"customerIds\":[\"" + guests[0] + "\",\"" + guests[1] + "\"]}")
                .post("/api/v1/campaigns/" + campaign + "/attendance").then().statusCode(200);
        JsonPath r = given().get("/api/v1/campaigns/" + campaign + "/report").then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("overall.invitations.accepted")).isEqualTo(3);
        assertThat(r.getInt("overall.invitations.declined")).isEqualTo(1);
        assertThat(r.getInt("overall.invitations.attended")).isEqualTo(2);
        assertThat(r.getString("overall.invitations.acceptanceRate")).isEqualTo("0.75");
        assertThat(r.getString("overall.invitations.attendanceRate")).isEqualTo("0.5");
        assertThat(r.getString("overall.invitations.acceptedWhoAttendedRate")).isEqualTo("0.6667");
        // no holdout: the lift has recipients only
        assertThat((Object) r.get("overall.lift.revenuePerCustomer.estimate")).isNull();
    }

    static void report(UUID delivery, String report) {
        given().contentType(ContentType.JSON).body("{\"report\":\"" + report + "\",\"occurredAt\":\"" + SENT.plusMinutes(5) + "\"}")
                .post("/api/v1/campaign-deliveries/" + delivery + "/reports").then().statusCode(201);
    }
}
