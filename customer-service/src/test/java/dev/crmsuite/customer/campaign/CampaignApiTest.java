package dev.crmsuite.customer.campaign;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The campaign API as documented: create, read, list, Merge Patch of drafts, schedule and cancel rules, bad input. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CampaignApiTest {

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        ControllableClock.useRealTime();
    }

    String body(UUID audience, String kind, String extra) {
        return "{\"name\":\"" + Api.unique("Api") + "\",\"kind\":\"" + kind + "\",\"audienceId\":\"" + audience
                + "\",\"subject\":\"Hello\",\"templateKey\":\"offer/a\"" + extra + "}";
    }

    static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void a_draft_is_created_with_defaults_and_a_random_seed_read_listed_and_patched_with_if_match() {
        UUID audience = CampaignFixtures.audience(em, Api.unique("api").toLowerCase());
        Response created = post("/api/v1/campaigns", body(audience, "OFFER", ""));
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/campaigns/")).header("ETag", "\"0\"")
                .body("status", equalTo("DRAFT")).body("holdoutShare", equalTo(0.1f)).body("measurementDays", equalTo(14))
                .body("holdoutSeed", notNullValue()).body("deliveryPartner", nullValue()).body("createdBy", notNullValue())
                .body("variables", equalTo(java.util.Map.of()));
        String id = created.path("id");
        long seed = ((Number) created.path("holdoutSeed")).longValue();
        given().get("/api/v1/campaigns/" + id).then().statusCode(200).header("ETag", "\"0\"").body("holdoutSeed", equalTo(seed));
        given().queryParam("status", "DRAFT").queryParam("kind", "OFFER").queryParam("limit", 200).get("/api/v1/campaigns").then()
                .statusCode(200).body("items.id", hasItem(id));

        // Merge Patch: without If-Match 428, stale 412, current 200 with the new version.
        given().contentType("application/merge-patch+json").body("{\"subject\":\"New\"}").patch("/api/v1/campaigns/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().contentType("application/merge-patch+json").header("If-Match", "\"7\"").body("{\"subject\":\"New\"}")
                .patch("/api/v1/campaigns/" + id).then().statusCode(412);
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"subject\":\"New\",\"variables\":{\"a\":1},\"holdoutShare\":0.25,\"holdoutSeed\":77,\"deliveryPartner\":\"mailer\"}")
                .patch("/api/v1/campaigns/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("subject", equalTo("New")).body("variables.a", equalTo(1)).body("holdoutShare", equalTo(0.25f))
                .body("holdoutSeed", equalTo(77)).body("deliveryPartner", equalTo("mailer")).body("name", notNullValue());
        // null removes: back to the default.
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"holdoutShare\":null,\"deliveryPartner\":null}")
                .patch("/api/v1/campaigns/" + id).then().statusCode(200).body("holdoutShare", equalTo(0.1f))
                .body("deliveryPartner", nullValue());
    }

    @Test
    void an_idempotency_key_replays_the_first_create() {
        UUID audience = CampaignFixtures.audience(em, Api.unique("idem").toLowerCase());
        String body = body(audience, "NEWSLETTER", "");
        String key = Api.unique("key");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/campaigns")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(audience, "OFFER", "")).post("/api/v1/campaigns")
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void only_a_draft_changes_and_scheduling_checks_what_will_be_sent() {
        ControllableClock.set(Instant.parse("2031-09-01T04:00:00Z"));
        UUID audience = CampaignFixtures.audience(em, Api.unique("sched").toLowerCase());
        // An invitation to an event that already began, recurring, with recurUntil before sendAt: all named at once.
        String bad = CampaignFixtures.create(body(audience, "EVENT_INVITATION", ",\"recurrence\":\"P1W\",\"recurUntil\":\"2031-09-01T00:00:00Z\","
                + "\"event\":{\"title\":\"Past\",\"startsAt\":\"2031-08-01T10:00:00Z\"}"));
        Response r = post("/api/v1/campaigns/" + bad + "/schedule", "{\"sendAt\":\"2031-09-02T00:00:00Z\"}");
        r.then().statusCode(422).contentType("application/problem+json");
        assertThat(r.<List<String>>path("errors.field")).containsExactlyInAnyOrder("event.startsAt", "recurrence", "recurUntil");
        // A sendAt after the event's start.
        String late = CampaignFixtures.create(body(audience, "EVENT_INVITATION",
                ",\"event\":{\"title\":\"Soon\",\"startsAt\":\"2031-09-03T10:00:00Z\"}"));
        post("/api/v1/campaigns/" + late + "/schedule", "{\"sendAt\":\"2031-09-04T00:00:00Z\"}").then().statusCode(422)
                .body("errors.field", hasItem("event.startsAt"));
        post("/api/v1/campaigns/" + late + "/schedule", "{\"sendAt\":\"2031-08-04T00:00:00Z\"}").then().statusCode(422)
                .body("errors.field", hasItem("sendAt"));
        // A deleted audience.
        UUID gone = CampaignFixtures.audience(em, Api.unique("gone").toLowerCase());
        String orphan = CampaignFixtures.create(body(gone, "OFFER", ""));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update audience set deleted_at = now() where id = ?1")
                .setParameter(1, gone).executeUpdate());
        post("/api/v1/campaigns/" + orphan + "/schedule", "{}").then().statusCode(422).body("errors.field", hasItem("audienceId"));

        String ok = CampaignFixtures.create(body(audience, "EVENT_INVITATION",
                ",\"event\":{\"title\":\"Soon\",\"startsAt\":\"2031-09-03T10:00:00Z\"}"));
        post("/api/v1/campaigns/" + ok + "/schedule", "{\"sendAt\":\"2031-09-02T00:00:00Z\"}").then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("sendAt", equalTo("2031-09-02T00:00:00Z"));
        post("/api/v1/campaigns/" + ok + "/schedule", "{}").then().statusCode(409).contentType("application/problem+json");
        String etag = given().get("/api/v1/campaigns/" + ok).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"subject\":\"x\"}")
                .patch("/api/v1/campaigns/" + ok).then().statusCode(409);
        // If-Match is optional on cancellation; a stale one is 412.
        given().contentType(ContentType.JSON).header("If-Match", "\"99\"").body("{}").post("/api/v1/campaigns/" + ok + "/cancellation")
                .then().statusCode(412);
        post("/api/v1/campaigns/" + ok + "/cancellation", "{}").then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", nullValue()).body("cancelledAt", notNullValue());
        post("/api/v1/campaigns/" + ok + "/cancellation", "{}").then().statusCode(409);
        // A draft is cancelled without a body too.
        String draft = CampaignFixtures.create(body(audience, "OFFER", ""));
        given().contentType(ContentType.JSON).post("/api/v1/campaigns/" + draft + "/cancellation").then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void bad_input_is_400_or_422_problem_json_never_500() {
        UUID audience = CampaignFixtures.audience(em, Api.unique("bad").toLowerCase());
        String id = CampaignFixtures.create(body(audience, "OFFER", ""));
        List<String> badCreates = List.of(
                "{}",
                "[]",
                "{\"name\":",
                body(audience, "POSTCARD", ""),
                body(audience, "OFFER", ",\"holdoutShare\":0.6"),
                body(audience, "OFFER", ",\"holdoutShare\":-0.1"),
                body(audience, "OFFER", ",\"holdoutShare\":\"a lot\""),
                body(audience, "OFFER", ",\"measurementDays\":0"),
                body(audience, "OFFER", ",\"measurementDays\":366"),
                body(audience, "OFFER", ",\"measurementDays\":1.5"),
                body(audience, "OFFER", ",\"holdoutSeed\":\"seed\""),
                body(audience, "OFFER", ",\"recurrence\":\"monthly\""),
                body(audience, "OFFER", ",\"recurrence\":\"PT12H\""),
                body(audience, "OFFER", ",\"variables\":[1,2]"),
                body(audience, "OFFER", ",\"sendAt\":\"tomorrow\""),
                body(audience, "OFFER", ",\"event\":{\"title\":\"\"}"),
                body(audience, "OFFER", ",\"unknownField\":1"),
                "{\"name\":\"x\",\"kind\":\"OFFER\",\"audienceId\":\"not-a-uuid\",\"subject\":\"s\",\"templateKey\":\"t\"}",
                "{\"name\":\"x\",\"kind\":\"OFFER\",\"audienceId\":\"" + audience + "\",\"subject\":\"s\",\"templateKey\":\"has space\"}",
                "{\"name\":\"" + "n".repeat(201) + "\",\"kind\":\"OFFER\",\"audienceId\":\"" + audience + "\",\"subject\":\"s\",\"templateKey\":\"t\"}");
        for (String b : badCreates) {
            Response r = post("/api/v1/campaigns", b);
            assertThat(r.statusCode()).as(b).isEqualTo(400);
            assertThat(r.contentType()).as(b).startsWith("application/problem+json");
        }
        post("/api/v1/campaigns", body(UUID.randomUUID(), "OFFER", "")).then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("audienceId"));
        String etag = "\"0\"";
        for (String patch : List.of("[1]", "{\"kind\":7}", "{\"holdoutShare\":0.9}", "{\"name\":null}", "{\"status\":\"SENT\"}", "not json")) {
            Response r = given().contentType("application/merge-patch+json").header("If-Match", etag).body(patch).patch("/api/v1/campaigns/" + id);
            assertThat(r.statusCode()).as(patch).isEqualTo(400);
            assertThat(r.contentType()).as(patch).startsWith("application/problem+json");
        }
        given().contentType("text/plain").header("If-Match", etag).body("{}").patch("/api/v1/campaigns/" + id).then().statusCode(415);
        post("/api/v1/campaigns/" + id + "/schedule", "{\"sendAt\":12}").then().statusCode(400);
        post("/api/v1/campaigns/" + id + "/schedule", "{\"sendAt\":\"soon\"}").then().statusCode(400);
        post("/api/v1/campaigns/" + id + "/cancellation", "{\"reason\":\"" + "r".repeat(501) + "\"}").then().statusCode(400);
        for (String q : List.of("status=LOST", "exclusionReason=BORED", "run=0", "run=x", "limit=0", "limit=201", "cursor=%%%")) {
            Response r = given().get("/api/v1/campaigns/" + id + "/deliveries?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.contentType()).as(q).startsWith("application/problem+json");
        }
        for (String q : List.of("status=LOST", "kind=FAX", "limit=500", "cursor=abc")) {
            assertThat(given().get("/api/v1/campaigns?" + q).statusCode()).as(q).isEqualTo(400);
        }
        given().get("/api/v1/campaigns/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/campaigns/not-a-uuid").then().statusCode(404);
        given().get("/api/v1/campaigns/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
        post("/api/v1/campaigns/" + UUID.randomUUID() + "/schedule", "{}").then().statusCode(404);
        post("/api/v1/campaigns/" + UUID.randomUUID() + "/cancellation", "{}").then().statusCode(404);
    }
}
