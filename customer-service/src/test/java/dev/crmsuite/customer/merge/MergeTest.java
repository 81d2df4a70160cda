package dev.crmsuite.customer.merge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.AtOnce;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.customer.support.Api.email;
import static dev.crmsuite.customer.support.Api.purchase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Merging a duplicate: records move, a tombstone redirects, the other services are told. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class MergeTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static io.restassured.response.ValidatableResponse merge(String source, String target) {
        return given().redirects().follow(false).contentType(ContentType.JSON)
                .body("{\"targetCustomerId\":\"" + target + "\"}").post("/api/v1/customers/" + source + "/merge").then();
    }

    @Test
    void merges_a_duplicate_into_the_survivor_and_leaves_a_redirecting_tombstone() {
        String sourceEmail = email();
        String targetEmail = email();
        String source = Api.register("{\"name\":\"Li Wei\",\"email\":\"" + sourceEmail + "\",\"phone\":\"13800138001\",\"tags\":[\"golf\"]}");
        String target = Api.register("{\"name\":\"Wei Li\",\"email\":\"" + targetEmail + "\",\"tags\":[\"vip\"]}");
        purchase(source, "S-1", "300.00", false, null);
        purchase(target, "T-1", "200.00", false, null);
        String touchpoint = given().contentType(ContentType.JSON)
                .body("{\"channel\":\"WEB\",\"direction\":\"INBOUND\",\"phase\":\"PRE_SALE\",\"summary\":\"asked about golf clubs\"}")
                .post("/api/v1/customers/" + source + "/touchpoints").then().statusCode(201).extract().path("id");
        String followUp = given().contentType(ContentType.JSON)
                .body("{\"dueAt\":\"2031-01-01T09:00:00Z\",\"reason\":\"send the golf catalogue\"}")
                .post("/api/v1/customers/" + source + "/follow-ups").then().statusCode(201).extract().path("id");
        assertThat(Api.personal(source, 3)).hasSize(3);

        merge(source, target).statusCode(200)
                .body("id", equalTo(target))
                .body("email", equalTo(targetEmail))
                .body("emails.address", contains(targetEmail, sourceEmail))
                .body("phone", equalTo("+8613800138001"))
                .body("tags", contains("vip", "golf"))
                .body("value.revenue12Months", equalTo(500.00f))
                .body("lifecycle.stage", equalTo("REPEAT_BUYER"));
        given().get("/api/v1/customers/" + target + "/purchases").then().body("items.size()", equalTo(2));
        given().get("/api/v1/customers/" + target + "/touchpoints").then().body("items.size()", equalTo(1));

        given().redirects().follow(false).get("/api/v1/customers/" + source).then().statusCode(308)
                .header("Location", endsWith("/api/v1/customers/" + target))
                .body("survivingCustomerId", equalTo(target));
        given().redirects().follow(false).get("/api/v1/customers/" + source + "/purchases").then().statusCode(308)
                .header("Location", endsWith("/api/v1/customers/" + target + "/purchases"));
        // Location is absolute under the public URL (the gateway's), so a client following it lands on the survivor.
        String location = given().redirects().follow(false).get("/api/v1/customers/" + source).then().extract().header("Location");
        assertThat(location).startsWith("http://localhost:8080/");
        given().get(java.net.URI.create(location).getPath()).then().statusCode(200).body("id", equalTo(target));
        // The tombstone is gone from lists and searches; its email now belongs to the survivor.
        given().queryParam("q", sourceEmail).get("/api/v1/customers").then().body("items.id", contains(target));
        given().contentType(ContentType.JSON).body("{\"name\":\"Again\",\"email\":\"" + sourceEmail + "\"}").post("/api/v1/customers")
                .then().statusCode(409).body("existingCustomerId", equalTo(target));
        merge(source, target).statusCode(308);

        List<JsonNode> merged = Api.events(target, "crm.customer.merged.v1", 1);
        assertThat(merged).hasSize(1);
        assertThat(merged.getFirst().get("sourceCustomerId").asText()).isEqualTo(source);
        assertThat(merged.getFirst().get("targetCustomerId").asText()).isEqualTo(target);
        assertThat(merged.getFirst().get("mergedAt").asText()).isNotBlank();

        // The personal topic follows: the source's keys are tombstoned, the moved objects recorded under the survivor,
        // whose profile is recorded again with the phone it gained.
        List<Api.PersonalRecord> ofSource = Api.personal(source, 6);
        java.util.Map<String, Api.PersonalRecord> lastOfSource = new java.util.HashMap<>();
        ofSource.forEach(r -> lastOfSource.put(r.key(), r));
        assertThat(lastOfSource.keySet()).containsExactlyInAnyOrder(source + "/customer/" + source,
                source + "/touchpoint/" + touchpoint, source + "/follow-up/" + followUp);
        assertThat(lastOfSource.values()).allMatch(Api.PersonalRecord::tombstone);
        Api.PersonalRecord movedTouchpoint = Api.personal(target, "touchpoint", touchpoint, 1).getLast();
        assertThat(movedTouchpoint.data().get("customerId").asText()).isEqualTo(target);
        assertThat(movedTouchpoint.data().get("summary").asText()).isEqualTo("asked about golf clubs");
        Api.PersonalRecord movedFollowUp = Api.personal(target, "follow-up", followUp, 1).getLast();
        assertThat(movedFollowUp.data().get("reason").asText()).isEqualTo("send the golf catalogue");
        assertThat(movedFollowUp.event().get("subject").asText()).isEqualTo(target);
        Api.PersonalRecord profile = Api.personal(target, "customer", target, 2).getLast();
        assertThat(profile.data().get("name").asText()).isEqualTo("Wei Li");
        assertThat(profile.data().get("email").asText()).isEqualTo(targetEmail);
        assertThat(profile.data().get("phone").asText()).isEqualTo("+8613800138001");
        JsonNode updated = Api.events(target, "crm.customer.updated.v1", 1).getLast();
        assertThat(updated.get("changedFields").toString()).contains("phone", "emails");
        assertThat(updated.has("phone")).isFalse();
        assertThat(updated.has("email")).isFalse();

        // Other services' events about the old id land on the survivor.
        TopicRecords.send("crm.complaints", source, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service",
                "crm.complaint.filed.v1", source, "{\"complaintId\":\"c-late\",\"customerId\":\"" + source + "\",\"category\":\"DELIVERY\",\"subject\":\"late\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("limit", 200)
                .get("/api/v1/customers/" + target + "/timeline").then().body("items.refId", hasItem("c-late")));
        given().get("/api/v1/customers/" + target + "/history").then().body("items.field", hasItem("mergedFrom"));
    }

    @Test
    void every_operation_on_a_merged_customer_redirects_and_documents_it() {
        String source = Api.register();
        String target = Api.register();
        merge(source, target).statusCode(200);
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> checked = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/v1/customers/{id}")) {
                return;
            }
            path.getValue().properties().forEach(op -> {
                JsonNode documented = op.getValue().path("responses").path("308");
                assertThat(documented.path("headers").has("Location")).as("%s %s documents 308 with Location", op.getKey(), path.getKey()).isTrue();
                assertThat(documented.path("content").has("application/problem+json")).isTrue();
                if (op.getKey().equals("get") || op.getKey().equals("delete")) {
                    String concrete = path.getKey().replace("{id}", source).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    given().redirects().follow(false).header("If-Match", "\"0\"").request(op.getKey().toUpperCase(), concrete).then()
                            .statusCode(308).contentType("application/problem+json")
                            .header("Location", endsWith(concrete.replace(source, target)))
                            .body("survivingCustomerId", equalTo(target));
                    checked.add(op.getKey() + " " + path.getKey());
                }
            });
        });
        assertThat(checked).hasSizeGreaterThan(10);
    }

    static void refer(String referrer, String referred) {
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\"}")
                .post("/api/v1/customers/" + referrer + "/referrals").then().statusCode(201);
    }

    @Test
    void a_merge_never_leaves_two_customers_each_the_others_referrer() {
        // The source's referrer is someone the target brought in: moving it would make them each other's referrer.
        String source = Api.register();
        String target = Api.register();
        String friend = Api.register();
        refer(friend, source);
        refer(target, friend);
        merge(source, target).statusCode(200);
        given().get("/api/v1/customers/" + target + "/referrals").then().statusCode(200)
                .body("referredBy", org.hamcrest.Matchers.nullValue()).body("referred.referredId", contains(friend));
        // Someone the source brought in brought the target in: the moved referral is dropped, the target keeps its referrer.
        String source2 = Api.register();
        String target2 = Api.register();
        String sponsor = Api.register();
        refer(source2, sponsor);
        refer(sponsor, target2);
        merge(source2, target2).statusCode(200);
        given().get("/api/v1/customers/" + target2 + "/referrals").then().statusCode(200)
                .body("referredBy.referrerId", equalTo(sponsor)).body("referred", org.hamcrest.Matchers.empty());
    }

    @Test
    void bad_merges_are_refused_naming_the_field() {
        String a = Api.register();
        String b = Api.register();
        merge(a, a).statusCode(422).body("errors.field", hasItem("targetCustomerId"));
        merge(a, UUID.randomUUID().toString()).statusCode(422).body("errors.field", hasItem("targetCustomerId"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/customers/" + a + "/merge").then()
                .statusCode(400).body("errors.field", hasItem("targetCustomerId"));
        merge(UUID.randomUUID().toString(), b).statusCode(404);
        purchase(a, "SAME-ORDER", "10.00", false, null);
        purchase(b, "SAME-ORDER", "10.00", false, null);
        merge(a, b).statusCode(409).body("externalOrderIds", contains("SAME-ORDER"));
        given().get("/api/v1/customers/" + a).then().statusCode(200);
    }

    @Test
    void a_cycle_merged_all_at_once_leaves_one_survivor_and_no_failure() throws Exception {
        // A into B, B into C and C into A at the same time: before merges ran one at a time this
        // deadlocked in PostgreSQL and one answer was a 503.
        for (int round = 0; round < 20; round++) {
            List<String> ids = List.of(Api.register(), Api.register(), Api.register());
            List<Integer> statuses = AtOnce.run(3, i -> merge(ids.get(i), ids.get((i + 1) % 3)).extract().statusCode());
            assertThat(statuses).as("round %d", round).allMatch(s -> s == 200 || s == 308 || s == 422).contains(200);
            long live = ids.stream().filter(id -> given().redirects().follow(false).get("/api/v1/customers/" + id)
                    .then().extract().statusCode() == 200).count();
            assertThat(live).as("survivors of round %d (%s)", round, statuses).isEqualTo(1);
        }
    }
}
