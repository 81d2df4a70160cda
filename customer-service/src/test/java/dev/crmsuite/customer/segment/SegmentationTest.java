package dev.crmsuite.customer.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Staff input on the segment axes and the crm.customer.segment-changed.v1 events it causes. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class SegmentationTest {

    static void put(String id, String body) {
        given().contentType(ContentType.JSON).body(body).put("/api/v1/customers/" + id + "/segmentation")
                .then().statusCode(200);
    }

    @Test
    void handing_both_axes_back_to_rules_that_cannot_decide_keeps_the_segment_and_publishes_no_null_segment() {
        String id = Api.register();
        put(id, "{\"priceSensitivity\":\"LOW\",\"relationshipOrientation\":\"HIGH\",\"keyAccount\":false}");
        assertThat(Api.events(id, SegmentChanged.TYPE, 1)).hasSize(1);

        given().contentType(ContentType.JSON).body("{\"priceSensitivity\":null,\"relationshipOrientation\":null,\"keyAccount\":false}")
                .put("/api/v1/customers/" + id + "/segmentation").then().statusCode(200)
                .body("segmentation.segment", equalTo("RELATIONAL"));
        // a marker event after the PUT: once it is on the topic, anything the PUT published is there too
        put(id, "{\"priceSensitivity\":\"HIGH\",\"relationshipOrientation\":\"LOW\",\"keyAccount\":false}");

        List<JsonNode> changes = Api.events(id, SegmentChanged.TYPE, 2);
        assertThat(changes).allSatisfy(e -> assertThat(e.get("segment").isNull()).isFalse());
        assertThat(changes).extracting(e -> e.get("segment").asText()).containsExactly("RELATIONAL", "TRANSACTIONAL");
    }

    @Test
    void the_segment_changed_event_carries_the_segments_complaint_priority_boost() {
        String managed = Api.registerManaged("wang.fang");
        put(managed, "{\"priceSensitivity\":\"LOW\",\"relationshipOrientation\":\"HIGH\",\"keyAccount\":false}");
        put(managed, "{\"priceSensitivity\":\"LOW\",\"relationshipOrientation\":\"HIGH\",\"keyAccount\":true}");
        put(managed, "{\"priceSensitivity\":\"HIGH\",\"relationshipOrientation\":\"LOW\",\"keyAccount\":false}");

        List<JsonNode> changes = Api.events(managed, SegmentChanged.TYPE, 3);
        assertThat(changes).extracting(e -> e.get("segment").asText()).containsExactly("RELATIONAL", "KEY_ACCOUNT", "TRANSACTIONAL");
        // application.properties: relational 1, key account 2, transactional 0
        assertThat(changes).extracting(e -> e.path("priorityBoost").isInt() ? e.get("priorityBoost").asInt() : null)
                .containsExactly(1, 2, 0);
    }
}
