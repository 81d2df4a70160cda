package dev.crmsuite.customer.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation x every kind of caller: 401 without a valid token for this service, 403 without
 * the scope (or for a partner on a staff-only operation), the operation's own answer otherwise; and
 * a refused write changes nothing, read back as an admin and in the database.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AccessMatrixTest {

    @Test
    void the_matrix_covers_every_operation_of_the_document() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            if (path.getKey().startsWith("/api/v1/") && !Operation.campaignArea(path.getKey())) {
                path.getValue().properties().stream().filter(op -> !op.getKey().equals("parameters"))
                        .forEach(op -> documented.add(op.getKey().toUpperCase() + " " + path.getKey()));
            }
        }
        Set<String> tested = new TreeSet<>();
        Operation.ALL.forEach(op -> tested.add(op.method() + " " + op.documentedPath()));
        assertThat(tested).isEqualTo(documented);
    }

    @Test
    void every_operation_answers_each_caller_as_its_permission_says_and_refused_writes_change_nothing() {
        Fixture shared = Fixture.create(true);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Operation op : Operation.ALL) {
            for (Caller caller : Caller.values()) {
                int expected = caller.expected(op);
                // An allowed write gets a fixture of its own: erasing or merging the shared one would change what the next call sees.
                Fixture f = expected == 0 && op.writes() ? Fixture.create(true) : shared;
                String before = op.writes() && expected != 0 ? state(f) : null;
                Response r = call(op, f, caller);
                calls++;
                int status = r.statusCode();
                String what = op + " as " + caller + ": ";
                if (expected == 0 && status != op.success()) {
                    failures.add(what + "expected " + op.success() + ", got " + status + " " + r.asString());
                } else if (expected != 0 && status != expected) {
                    failures.add(what + "expected " + expected + ", got " + status + " " + r.asString());
                } else if (expected == 403 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    failures.add(what + "403 without problem+json: " + r.contentType());
                }
                if (before != null && !before.equals(state(f))) {
                    failures.add(what + "refused (" + status + ") but changed something");
                }
            }
        }
        assertThat(calls).isEqualTo(Operation.ALL.size() * Caller.values().length);
        assertThat(failures).isEmpty();
    }

    static Response call(Operation op, Fixture f, Caller caller) {
        RequestSpecification request = given().header("Authorization", caller.authorization()).redirects().follow(false);
        String body = op.body(f);
        if (body != null) {
            request.contentType(op.contentType()).body(body);
        }
        if (op.method().equals("PATCH")) {
            request.header("If-Match", given().get("/api/v1/customers/" + f.id()).then().extract().header("ETag"));
        }
        return request.request(op.method(), op.path(f));
    }

    /** The fixture's customers as an admin reads them, and what the database holds. */
    static String state(Fixture f) {
        return given().get("/api/v1/customers/" + f.id()).asString() + given().get("/api/v1/customers/" + f.other()).asString()
                + given().get("/api/v1/customers/" + f.id() + "/follow-ups").asString() + Fixture.databaseState();
    }
}
