package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static dev.crmsuite.customer.support.Api.email;
import static dev.crmsuite.customer.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Filters, text search and keyset pagination of the customer list. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CustomerListTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void pages_through_a_filtered_list_newest_first_without_gaps_or_repeats() {
        String manager = unique("mgr");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(Api.registerManaged(manager));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = given().queryParam("accountManager", manager).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(created.reversed());
    }

    @Test
    void filters_by_tag_and_searches_name_email_and_phone() {
        String tag = unique("tag").toLowerCase();
        String name = unique("Zhao Lei");
        String mail = email();
        String other = email();
        String id = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + mail + "\",\"emails\":[{\"address\":\"" + other + "\"}],"
                + "\"phone\":\"+86 139 1111 2222\",\"tags\":[\"" + tag.toUpperCase() + "\"]}");
        Api.register();

        given().queryParam("tag", tag).get("/api/v1/customers").then().statusCode(200)
                .body("items.id", contains(id)).body("nextCursor", nullValue());
        given().queryParam("q", name.substring(0, 12).toLowerCase()).get("/api/v1/customers").then()
                .body("items.id", contains(id));
        given().queryParam("q", other.substring(0, 10)).get("/api/v1/customers").then()
                .body("items.id", contains(id));
        given().queryParam("q", mail.toUpperCase()).get("/api/v1/customers").then()
                .body("items.id", contains(id));
        given().queryParam("q", "139 1111 2222").queryParam("tag", tag).get("/api/v1/customers").then()
                .body("items.id", contains(id));
        given().queryParam("q", "100%_").get("/api/v1/customers").then().statusCode(200).body("items.size()", equalTo(0));
        given().queryParam("stage", "PROSPECT").queryParam("tag", tag).get("/api/v1/customers").then()
                .body("items.id", contains(id));
        given().queryParam("stage", "LOST").queryParam("tag", tag).get("/api/v1/customers").then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void bad_list_parameters_are_400_naming_them() {
        given().queryParam("segment", "VIP").get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("segment"));
        given().queryParam("valueTier", "D").get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("valueTier"));
        given().queryParam("stage", "HAPPY").get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("stage"));
        given().queryParam("limit", 201).get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().queryParam("cursor", "garbage").get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("cursor"));
        given().queryParam("q", "x").get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("q"));
    }

    @Test
    void list_and_search_use_indexes() throws Exception {
        try (Connection c = PostgresDatabase.connect()) {
            // A handful of test rows make every plan cheap; switch off the alternatives to prove the index applies.
            c.createStatement().execute("set enable_seqscan = off");
            c.createStatement().execute("set enable_indexscan = off");
            ResultSet rs = c.createStatement().executeQuery(
                    "explain select id from customer where search_text like '%li.wei@exa%'");
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertThat(plan.toString()).contains("customer_search");
            c.createStatement().execute("set enable_indexscan = on");
            c.createStatement().execute("set enable_bitmapscan = off");
            rs = c.createStatement().executeQuery(
                    "explain select * from customer where merged_into is null and (created_at, id) < (now(), gen_random_uuid()) "
                            + "order by created_at desc, id desc limit 21");
            plan.setLength(0);
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertThat(plan.toString()).contains("customer_list").doesNotContain("Sort");
        }
    }
}
