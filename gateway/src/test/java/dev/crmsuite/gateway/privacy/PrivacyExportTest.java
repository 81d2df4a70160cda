package dev.crmsuite.gateway.privacy;

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
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * One export of everything held about a person (issue 17): composed from every service's part, read
 * with the caller's own token, plus the gateway's webhook deliveries; staff only; complete or 503.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ExportPartStandIns.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PrivacyExportTest {

    static final String PATH = "/api/v1/privacy/customers/{id}/export";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void every_services_part_and_the_webhook_deliveries_that_carried_the_person_are_in_one_document() throws Exception {
        UUID subscription = UUID.randomUUID();
        try (Connection c = PostgresDatabase.connect()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into webhook_subscription (id, owner, partner, url, event_types, secret, status, created_at)
                    values (?, 'partner:test', 'Acme Mailer', 'https://hooks.example.com/crm', 'crm.customer.updated.v1', 'whsec_x', 'ACTIVE', now())""")) {
                s.setObject(1, subscription);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into webhook_delivery (id, subscription_id, event_id, event_type, customer_id, payload, status, attempts, next_attempt_at, created_at, delivered_at)
                    values (?, ?, 'evt-1', 'crm.customer.updated.v1', ?, '{"data":{"name":"Ana Export"}}', 'DELIVERED', 1, now(), now(), now())""")) {
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, subscription);
                s.setString(3, ExportPartStandIns.KNOWN);
                s.executeUpdate();
            }
        }
        int before = ExportPartStandIns.AUTHORIZATIONS.size();
        given().header("Authorization", Credentials.staff()).get(PATH, ExportPartStandIns.KNOWN)
                .then().statusCode(200)
                .body("customerId", equalTo(ExportPartStandIns.KNOWN))
                .body("customer.customer.name", equalTo("Ana Export"))
                .body("loyalty.ledger[0].points", equalTo(120))
                .body("complaints.complaints[0].comments[0].visibility", equalTo("INTERNAL"))
                .body("surveys.invitations", hasSize(0))
                .body("webhookDeliveries", hasSize(1))
                .body("webhookDeliveries[0].partner", equalTo("Acme Mailer"))
                .body("webhookDeliveries[0].payload", equalTo("{\"data\":{\"name\":\"Ana Export\"}}"));
        // Each part was read with an internal token for the caller, never passed through as sent.
        assertThat(ExportPartStandIns.AUTHORIZATIONS.subList(before, ExportPartStandIns.AUTHORIZATIONS.size()))
                .hasSize(3).allSatisfy(a -> assertThat(a).startsWith("Bearer ").isNotEqualTo(Credentials.staff()));
    }

    @Test
    void unknown_is_404_merged_is_308_to_the_survivors_export_and_a_missing_part_is_503_not_a_partial_document() {
        given().header("Authorization", Credentials.admin()).get(PATH, ExportPartStandIns.UNKNOWN)
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().header("Authorization", Credentials.admin()).redirects().follow(false).get(PATH, ExportPartStandIns.MERGED)
                .then().statusCode(308).header("Location", endsWith("/api/v1/privacy/customers/" + ExportPartStandIns.KNOWN + "/export"));
        given().header("Authorization", Credentials.admin()).get(PATH, ExportPartStandIns.LOYALTY_DOWN)
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("5"))
                .body("detail", containsString("loyalty"));
    }

    @Test
    void a_part_that_answers_200_without_a_json_object_is_503_naming_it_never_a_null_part() {
        given().header("Authorization", Credentials.staff()).get(PATH, ExportPartStandIns.EMPTY_CUSTOMER)
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("customer"));
        given().header("Authorization", Credentials.staff()).get(PATH, ExportPartStandIns.SURVEYS_NOT_AN_OBJECT)
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("surveys (200 without a JSON object)"));
    }

    @Test
    void staff_viewers_and_admins_may_export_partners_and_strangers_may_not() {
        given().header("Authorization", Credentials.viewer()).get(PATH, ExportPartStandIns.KNOWN).then().statusCode(200);
        given().header("Authorization", Credentials.admin()).get(PATH, ExportPartStandIns.KNOWN).then().statusCode(200);
        given().get(PATH, ExportPartStandIns.KNOWN).then().statusCode(401).contentType(startsWith("application/problem+json"));
        String partner = Credentials.partnerKey("customers:read", "loyalty:read", "complaints:read", "surveys:read");
        given().header("X-API-Key", partner).get(PATH, ExportPartStandIns.KNOWN)
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        String noScope = Credentials.partnerKey("loyalty:read");
        given().header("X-API-Key", noScope).get(PATH, ExportPartStandIns.KNOWN).then().statusCode(403);
        // Odd spellings of the path are refused before anything is read (sent raw: REST Assured would tidy them).
        String admin = Credentials.admin();
        for (String odd : new String[] {"/api/v1/privacy/customers/" + ExportPartStandIns.KNOWN + "/./export",
                "/api/v1/privacy//customers/" + ExportPartStandIns.KNOWN + "/export",
                "/api/v1/privacy/x/%2e%2e/customers/" + ExportPartStandIns.KNOWN + "/export",
                "/api/v1/privacy/customers/" + ExportPartStandIns.KNOWN + "%2fexport",
                "/api/v1/privacy/customers/" + ExportPartStandIns.KNOWN + "/export/"}) {
            assertThat(RawHttp.send(base, "GET", odd, "Authorization", admin).status()).as(odd).isEqualTo(400);
        }
        // A path id that is no UUID names nothing: 404, as in every service.
        given().header("Authorization", Credentials.admin()).get(PATH, "not-a-uuid").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
