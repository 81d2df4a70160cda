package dev.crmsuite.customer.campaign;

import dev.crmsuite.customer.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Audiences, customers and campaigns for the campaign tests; an audience holds the customers carrying one tag. */
final class CampaignFixtures {

    private CampaignFixtures() {
    }

    /** A live audience of the customers tagged {@code tag} (written directly: the audience API is another helper's). */
    static UUID audience(EntityManager em, String tag) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into audience (id, version, name, filter, created_by, created_at, updated_at)
                        values (?1, 0, ?2, cast(?3 as jsonb), 'test', now(), now())""")
                .setParameter(1, id).setParameter(2, "Audience " + tag)
                .setParameter(3, "{\"tags\":{\"allOf\":[\"" + tag + "\"]}}").executeUpdate());
        return id;
    }

    static String customer(String tag, boolean consent, boolean email, boolean address) {
        String body = "{\"name\":\"" + Api.unique("Campaign") + "\""
                + (email ? ",\"email\":\"" + Api.email() + "\"" : "")
                + (address ? ",\"address\":{\"line1\":\"88 Century Avenue\",\"city\":\"Shanghai\",\"postalCode\":\"200120\",\"country\":\"CN\"}" : "")
                + ",\"consents\":{\"marketing\":" + consent + "},\"tags\":[\"" + tag + "\"]}";
        return Api.register(body);
    }

    static void timeZone(EntityManager em, String customerId, String zone) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update customer set time_zone = ?2 where id = ?1")
                .setParameter(1, UUID.fromString(customerId)).setParameter(2, zone).executeUpdate());
    }

    /** {@code n} contacts from another source in the last days: the budget counts them. */
    static void contacts(EntityManager em, String customerId, int n, OffsetDateTime at) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < n; i++) {
                em.createNativeQuery("insert into contact_log (source, source_id, customer_id, contacted_at) values ('test', ?1, ?2, ?3)")
                        .setParameter(1, UUID.randomUUID().toString()).setParameter(2, UUID.fromString(customerId)).setParameter(3, at)
                        .executeUpdate();
            }
        });
    }

    static String create(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    static String campaign(UUID audience, String kind, String extra) {
        return create("{\"name\":\"" + Api.unique("Campaign") + "\",\"kind\":\"" + kind + "\",\"audienceId\":\"" + audience
                + "\",\"subject\":\"Hello\",\"templateKey\":\"newsletter/test\",\"variables\":{\"season\":\"spring\"}" + extra + "}");
    }

    static void schedule(String campaignId, String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/campaigns/" + campaignId + "/schedule").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SCHEDULED"));
    }
}
