package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.campaign.DocumentedEvents;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.crmsuite.customer.support.Api.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The full profile: contact points normalised, consents timed, merge patch guarded by If-Match, history kept. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CustomerProfileTest {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static ExtractableResponse<Response> create(String primary, String other) {
        return given().contentType(ContentType.JSON).body("""
                        {"kind":"PERSON","name":"Li Wei","givenName":"Wei","familyName":"Li",
                         "email":"%s","emails":[{"address":"%s","primary":false}],
                         "phones":[{"number":"138 0013 8000","primary":true},{"number":"0044 20 7946 0958","primary":false}],
                         "address":{"line1":"88 Century Avenue","city":"Shanghai","postalCode":"200120","country":"CN"},
                         "acquisitionChannel":"WEB","accountManager":"zhang.min",
                         "consents":{"marketing":true,"partnerSharing":false},
                         "tags":["VIP"," golf "],"attributes":{"preferredStore":"Shanghai-3","kids":2}}""".formatted(primary, other))
                .post("/api/v1/customers").then().statusCode(201).extract();
    }

    @Test
    void registers_the_full_profile_normalised() {
        String primary = email().toUpperCase();
        String other = email();
        ExtractableResponse<Response> created = create(primary, other);
        String id = created.path("id");
        given().get("/api/v1/customers/" + id).then().statusCode(200)
                .body("email", equalTo(primary.toLowerCase()))
                .body("emails.address", contains(primary.toLowerCase(), other))
                .body("emails.primary", contains(true, false))
                .body("phone", equalTo("+8613800138000"))
                .body("phones.number", contains("+8613800138000", "+442079460958"))
                .body("address.city", equalTo("Shanghai"))
                .body("acquisitionChannel", equalTo("WEB"))
                .body("accountManager", equalTo("zhang.min"))
                .body("consents.marketing", equalTo(true))
                .body("consents.marketingChangedAt", notNullValue())
                .body("consents.partnerSharing", equalTo(false))
                .body("tags", contains("vip", "golf"))
                .body("attributes.kids", equalTo(2))
                .body("lifecycle.stage", equalTo("PROSPECT"))
                .body("segmentation.servicePolicy.servedBy", notNullValue())
                .body("value.lifetimeValue.expectedYears", equalTo(10));

        List<JsonNode> registered = Api.events(id, "crm.customer.registered.v1", 1);
        assertThat(registered).hasSize(1);
        JsonNode data = registered.getFirst();
        assertThat(data.get("customerId").asText()).isEqualTo(id);
        // Contact points are personal data: not in the event, in the profile's personal record instead.
        assertThat(data.has("name")).isFalse();
        assertThat(data.has("email")).isFalse();
        assertThat(data.has("phone")).isFalse();
        Api.PersonalRecord profile = Api.personal(id, "customer", id, 1).getLast();
        assertThat(profile.data().get("phone").asText()).isEqualTo("+8613800138000");
        assertThat(profile.data().get("postalAddress").get("city").asText()).isEqualTo("Shanghai");
        assertThat(DocumentedEvents.violations(profile.event())).isEmpty();
        assertThat(data.get("consents").get("marketing").asBoolean()).isTrue();
        assertThat(data.get("stage").asText()).isEqualTo("PROSPECT");
        assertThat(data.get("tags").get(0).asText()).isEqualTo("vip");
        assertThat(data.get("registeredAt").asText()).isNotBlank();
    }

    @Test
    void a_patch_is_a_merge_patch_as_application_json_too_and_other_media_types_are_415_naming_both() {
        String id = create(email(), email()).path("id");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        // Same semantics as application/merge-patch+json: null removes, objects merge, absent members stay.
        String newEtag = given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"givenName\":null,\"attributes\":{\"pets\":\"dog\"},\"consents\":{\"marketing\":false}}")
                .patch("/api/v1/customers/" + id).then().statusCode(200)
                .body("givenName", nullValue())
                .body("familyName", equalTo("Li"))
                .body("attributes.preferredStore", equalTo("Shanghai-3"))
                .body("attributes.pets", equalTo("dog"))
                .body("consents.marketing", equalTo(false))
                .extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        // And the same If-Match rule.
        given().contentType(ContentType.JSON).body("{\"name\":\"X\"}").patch("/api/v1/customers/" + id).then().statusCode(428);
        given().contentType(MERGE_PATCH).header("If-Match", newEtag).body("{\"attributes\":{\"pets\":null}}")
                .patch("/api/v1/customers/" + id).then().statusCode(200).body("attributes.pets", nullValue())
                .body("attributes.preferredStore", equalTo("Shanghai-3"));

        String current = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType("text/plain").header("If-Match", current).body("{\"name\":\"X\"}").patch("/api/v1/customers/" + id)
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("application/merge-patch+json"))
                .body("detail", org.hamcrest.Matchers.containsString("or application/json"));
        given().get("/api/v1/customers/" + id).then().header("ETag", current).body("name", org.hamcrest.Matchers.not(equalTo("X")));
    }

    @Test
    void merge_patch_needs_if_match_and_records_history_and_event() {
        String id = create(email(), email()).path("id");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");

        given().contentType(MERGE_PATCH).body("{\"accountManager\":\"wang.fang\"}").patch("/api/v1/customers/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().contentType(MERGE_PATCH).header("If-Match", "\"999\"").body("{\"accountManager\":\"wang.fang\"}")
                .patch("/api/v1/customers/" + id)
                .then().statusCode(412).contentType("application/problem+json");

        String newEtag = given().contentType(MERGE_PATCH).header("If-Match", etag).header("Authorization", Api.staffActing("zhang.min"))
                .body("{\"accountManager\":\"wang.fang\",\"consents\":{\"marketing\":false},\"givenName\":null,"
                        + "\"attributes\":{\"kids\":null,\"pets\":\"cat\"},\"phone\":\"+49 30 1234567\"}")
                .patch("/api/v1/customers/" + id)
                .then().statusCode(200)
                .body("accountManager", equalTo("wang.fang"))
                .body("consents.marketing", equalTo(false))
                .body("consents.partnerSharing", equalTo(false))
                .body("givenName", nullValue())
                .body("familyName", equalTo("Li"))
                .body("attributes.preferredStore", equalTo("Shanghai-3"))
                .body("attributes.kids", nullValue())
                .body("attributes.pets", equalTo("cat"))
                .body("phone", equalTo("+49301234567"))
                .body("phones.number", contains("+49301234567", "+442079460958"))
                .extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        // The old ETag is now stale.
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":\"X\"}").patch("/api/v1/customers/" + id)
                .then().statusCode(412);

        given().get("/api/v1/customers/" + id + "/history").then().statusCode(200)
                .body("items.find { it.field == 'accountManager' }.oldValue", equalTo("zhang.min"))
                .body("items.find { it.field == 'accountManager' }.newValue", equalTo("wang.fang"))
                .body("items.find { it.field == 'accountManager' }.actor", equalTo("zhang.min"))
                .body("items.find { it.field == 'consents.marketing' }.newValue", equalTo(false))
                .body("items.find { it.field == 'givenName' }.oldValue", equalTo("Wei"));

        List<JsonNode> updated = Api.events(id, "crm.customer.updated.v1", 1);
        assertThat(updated).hasSize(1);
        assertThat(updated.getFirst().get("changedFields").toString())
                .contains("accountManager", "consents.marketing", "givenName", "attributes", "phone");
        assertThat(updated.getFirst().get("accountManager").asText()).isEqualTo("wang.fang");
    }

    @Test
    void bad_patches_are_4xx_naming_the_field() {
        String id = create(email(), email()).path("id");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"email\":\"not-an-email\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("email"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"phone\":\"12\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("phone"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"segment\":\"KEY_ACCOUNT\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("segment"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":\"\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("name"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"attributes\":{\"blob\":\"" + "x".repeat(9000) + "\"}}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("attributes"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"acquisitionChannel\":\"PIGEON\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("acquisitionChannel"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("[1,2]")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors.field", hasItem("body"));
        given().contentType("text/plain").header("If-Match", etag).body("{\"name\":\"X\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(415);
        // Nothing changed by any of them.
        given().get("/api/v1/customers/" + id).then().header("ETag", etag);
    }

    @Test
    void an_email_of_another_customer_is_refused_naming_its_owner() {
        String taken = email();
        String owner = Api.register("{\"name\":\"Owner\",\"email\":\"" + email() + "\",\"emails\":[{\"address\":\"" + taken + "\"}]}");
        String id = create(email(), email()).path("id");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"email\":\"" + taken.toUpperCase() + "\"}")
                .patch("/api/v1/customers/" + id)
                .then().statusCode(409).body("existingCustomerId", equalTo(owner));
        // ... also on create, whichever of the owner's addresses is reused.
        given().contentType(ContentType.JSON).body("{\"name\":\"Dup\",\"email\":\"" + taken + "\"}").post("/api/v1/customers")
                .then().statusCode(409).body("existingCustomerId", equalTo(owner));
    }

    @Test
    void invalid_contact_points_on_create_name_the_field() {
        given().contentType(ContentType.JSON).body("{\"name\":\"A\",\"email\":\"" + email() + "\",\"phones\":[{\"number\":\"abc\"}]}")
                .post("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("phones[0].number"));
        given().contentType(ContentType.JSON).body("{\"name\":\"A\",\"emails\":[{\"address\":\"" + email() + "\",\"primary\":true},"
                        + "{\"address\":\"" + email() + "\",\"primary\":true}]}")
                .post("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("emails"));
        given().contentType(ContentType.JSON).body("{\"name\":\"A\",\"email\":\"" + email() + "\",\"address\":{\"country\":\"China\"}}")
                .post("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("address.country"));
        given().contentType(ContentType.JSON).body("{\"name\":\"A\",\"email\":\"" + email() + "\",\"attributes\":[1]}")
                .post("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("attributes"));
    }

    @Test
    void the_actor_is_the_tokens_and_an_x_actor_header_is_ignored() {
        String id = create(email(), email()).path("id");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        // X-Actor is no longer read at all: not validated, not recorded.
        given().header("X-Actor", "<script>").get("/api/v1/customers/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().contentType(MERGE_PATCH).header("If-Match", etag).header("Authorization", Api.staffActing("li.na"))
                .header("X-Actor", "ceo").body("{\"accountManager\":\"chen.jie\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(200);
        given().get("/api/v1/customers/" + id + "/history").then().statusCode(200)
                .body("items.find { it.field == 'accountManager' }.actor", equalTo("li.na"));
    }
}
