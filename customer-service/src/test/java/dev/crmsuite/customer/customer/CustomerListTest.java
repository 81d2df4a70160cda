package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.sql.JdbcStatement;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.customer.support.Api.email;
import static dev.crmsuite.customer.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Filters, text search and keyset pagination of the customer list. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CustomerListTest {

    @Inject
    Customers customers;

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

    /** Pages of a search, following nextCursor to the end. */
    static List<String> searchPages(java.util.function.Supplier<io.restassured.specification.RequestSpecification> as, String q, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = as.get().queryParam("q", q).queryParam("limit", limit).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers").then().statusCode(200).extract();
            List<String> items = page.path("items.id");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            seen.addAll(items);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        return seen;
    }

    @Test
    void search_ranks_prefixes_before_name_fragments_newest_first_and_pages_through_the_ranks() {
        // letters only (hex digits replaced), so q is text, not a phone
        String w = "zq" + letters(6);
        String fragmentOld = Api.register("{\"name\":\"Li " + w + "\",\"email\":\"" + email() + "\"}");
        String namePrefix = Api.register("{\"name\":\"" + w + " Wang\",\"email\":\"" + email() + "\"}");
        // two addresses with the prefix: listed once
        String emailPrefix = Api.register("{\"name\":\"Someone Else\",\"email\":\"" + email() + "\","
                + "\"emails\":[{\"address\":\"" + w + ".other@example.com\"},{\"address\":\"" + w + ".zz@example.com\"}]}");
        // the same name, newer: before the older one (phone-book order, then newest first)
        String namePrefixNewer = Api.register("{\"name\":\"" + w + " Wang\",\"email\":\"" + email() + "\"}");
        String fragmentNew = Api.register("{\"name\":\"Mei " + w + "-Chen\",\"email\":\"" + email() + "\"}");
        // matches as name prefix and as email prefix: listed once, among the names
        String both = Api.register("{\"name\":\"" + w + " Li\",\"email\":\"" + w + ".li@example.com\"}");
        // hidden from partners (no partner-sharing consent), a prefix match for staff
        String hidden = Api.register("{\"name\":\"" + w + " Hidden\",\"email\":\"" + email() + "\",\"consents\":{\"partnerSharing\":false}}");
        for (String id : List.of(fragmentOld, namePrefix, emailPrefix, fragmentNew, both, namePrefixNewer)) {
            given().contentType("application/merge-patch+json").header("If-Match", etag(id)).body("{\"consents\":{\"partnerSharing\":true}}")
                    .patch("/api/v1/customers/" + id).then().statusCode(200);
        }
        // names A to Z ("<w> hidden" < "<w> li" < "<w> wang"), then addresses, then fragments newest first
        List<String> ranked = List.of(hidden, both, namePrefixNewer, namePrefix, emailPrefix, fragmentNew, fragmentOld);
        assertThat(searchPages(RestAssured::given, w.toUpperCase(), 50)).isEqualTo(ranked);
        // any page size: no row twice, none skipped, the rank order kept across pages
        assertThat(searchPages(RestAssured::given, w, 2)).isEqualTo(ranked);
        assertThat(searchPages(RestAssured::given, w, 1)).isEqualTo(ranked);
        List<String> visible = ranked.stream().filter(id -> !id.equals(hidden)).toList();
        assertThat(searchPages(() -> given().header("Authorization", "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-search", "customers:read")), w, 2)).isEqualTo(visible);
        // two characters are a prefix only; the fragments fall away
        given().queryParam("q", w.substring(0, 2) + "?").get("/api/v1/customers").then().statusCode(200);
        // an email prefix across the @ finds only email prefixes
        assertThat(searchPages(RestAssured::given, w + ".li@exa", 5)).containsExactly(both);
        // a cursor of a search is refused by the plain list and vice versa
        String cursor = given().queryParam("q", w).queryParam("limit", 1).get("/api/v1/customers").then().extract().path("nextCursor");
        given().queryParam("cursor", cursor).get("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void name_suffixes_follow_every_change_of_a_customer_row_and_find_its_fragments() throws Exception {
        String w = "zq" + letters(6);
        String renamed = Api.register("{\"name\":\"Ann " + w + "\",\"email\":\"" + email() + "\"}");
        String merged = Api.register("{\"name\":\"Bo " + w + "\",\"email\":\"" + email() + "\"}");
        String survivor = Api.register("{\"name\":\"Someone Else\",\"email\":\"" + email() + "\"}");
        // longer than the 16 characters a suffix keeps: found by its first 16, checked in full on the customer row
        String longName = Api.register("{\"name\":\"Cy " + w + "abcdefghijklmnop\",\"email\":\"" + email() + "\"}");
        // the lower-case name from its second character on, each at least 3 characters long and cut at 16
        String name = "ann " + w;
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= name.length() - 3; i++) {
            expected.add(name.substring(i, Math.min(name.length(), i + SearchRanks.SUFFIX_LENGTH)));
        }
        assertThat(suffixes(renamed)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(suffixes(longName)).contains(("y " + w + "abcdefghijklmnop").substring(0, SearchRanks.SUFFIX_LENGTH));
        assertThat(searchPages(RestAssured::given, w, 2)).containsExactly(longName, merged, renamed);
        assertThat(searchPages(RestAssured::given, w + "abcdefghijklmno", 2)).containsExactly(longName);
        assertThat(searchPages(RestAssured::given, w + "abcdefghijklmnx", 2)).as("the same first 16 characters, another fragment").isEmpty();

        given().contentType("application/merge-patch+json").header("If-Match", etag(renamed)).body("{\"name\":\"Dee Other\"}")
                .patch("/api/v1/customers/" + renamed).then().statusCode(200);
        assertThat(suffixes(renamed)).containsExactlyInAnyOrder("ee other", "e other", " other", "other", "ther", "her");
        given().contentType("application/json").body("{\"targetCustomerId\":\"" + survivor + "\"}")
                .post("/api/v1/customers/" + merged + "/merge").then().statusCode(200);
        given().post("/api/v1/customers/" + longName + "/erasure").then().statusCode(200);
        assertThat(suffixes(merged)).as("merged").isEmpty();
        assertThat(suffixes(longName)).as("erased: its name leaves with the customer row's").isEmpty();
        assertThat(searchPages(RestAssured::given, w, 2)).isEmpty();
        assertThat(searchPages(RestAssured::given, "ee othe", 200)).contains(renamed);
        // the triggers fire also for bulk loads under session_replication_role = replica (enabled ALWAYS)
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery("select string_agg(tgname || '=' || tgenabled::text, ',' order by tgname)"
                     + " from pg_trigger where tgrelid = 'customer'::regclass and tgname like 'customer_name_suffixes%'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("customer_name_suffixes_insert=A,customer_name_suffixes_update=A");
        }
    }

    @Test
    void a_fragment_with_more_candidates_than_the_search_sorts_walks_the_suffixes_that_start_as_it_does() throws Exception {
        String w = "zq" + letters(6);
        String oldest = Api.register("{\"name\":\"An " + w + "\",\"email\":\"" + email() + "\"}");
        String older = Api.register("{\"name\":\"Li " + w + "\",\"email\":\"" + email() + "\"}");
        String newer = Api.register("{\"name\":\"Mei " + w + "\",\"email\":\"" + email() + "\"}");
        String hidden = Api.register("{\"name\":\"Wu " + w + "\",\"email\":\"" + email() + "\",\"consents\":{\"partnerSharing\":false}}");
        for (String id : List.of(oldest, older, newer)) {
            given().contentType("application/merge-patch+json").header("If-Match", etag(id)).body("{\"consents\":{\"partnerSharing\":true}}")
                    .patch("/api/v1/customers/" + id).then().statusCode(200);
        }
        // candidates of customers that do not exist, newer than all four: past the cap the suffixes cannot answer the rank
        try (Connection c = PostgresDatabase.connect()) {
            c.createStatement().execute("insert into customer_name_suffix (suffix, created_at, customer_id, consent_partner_sharing)"
                    + " select '" + w + "', now(), gen_random_uuid(), true from generate_series(1, " + (SearchRanks.FRAGMENT_CANDIDATES + 1) + ")");
            assertThat(searchPages(RestAssured::given, w, 2)).containsExactly(hidden, newer, older, oldest);
            assertThat(searchPages(() -> given().header("Authorization", "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-many", "customers:read")),
                    w, 1)).containsExactly(newer, older, oldest);
            // the walk (V20) answers a full page: past the made-up suffixes, from the suffixes alone (a customer whose
            // suffixes are gone is not on it, where the newest-first windows would list it)
            c.createStatement().execute("delete from customer_name_suffix where customer_id = '" + newer + "'");
            assertThat(given().queryParam("q", w).queryParam("limit", 2).get("/api/v1/customers").then().statusCode(200).extract().<List<String>>path("items.id"))
                    .containsExactly(hidden, older);
            // a walk that falls short of the page (the fragment's last page) leaves it to the windows, which list every match
            assertThat(given().queryParam("q", w).queryParam("limit", 10).get("/api/v1/customers").then().statusCode(200).extract().<List<String>>path("items.id"))
                    .containsExactly(hidden, newer, older, oldest);
            // as many candidates as the cap: the suffixes answer alone (names they no longer hold are not found)
            c.createStatement().execute("delete from customer_name_suffix where ctid in (select ctid from customer_name_suffix"
                    + " where suffix = '" + w + "' and customer_id not in ('" + oldest + "', '" + older + "', '" + hidden + "') limit 3)");
            c.createStatement().execute("delete from customer_name_suffix where customer_id = '" + older + "'");
            assertThat(searchPages(RestAssured::given, w, 2)).containsExactly(hidden, oldest);
        } finally { // the made-up candidates go; w is this test's own, so no other search meets what is left
            try (Connection c = PostgresDatabase.connect()) {
                c.createStatement().execute("delete from customer_name_suffix where suffix = '" + w + "' and customer_id not in ('"
                        + oldest + "', '" + older + "', '" + newer + "', '" + hidden + "')");
            }
        }
    }

    /** The suffixes customer_name_suffix holds for a customer (V19). */
    private static List<String> suffixes(String customerId) throws SQLException {
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery("select suffix from customer_name_suffix where customer_id = '" + customerId + "'")) {
            List<String> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1));
            }
            return found;
        }
    }

    @Test
    void exact_email_and_phone_come_before_prefixes_and_any_spelling_of_a_phone_finds_it() {
        String local = unique("c").toLowerCase();
        String digits = String.valueOf(10_000_000 + new java.util.Random().nextInt(89_999_999));
        String exact = Api.register("{\"name\":\"Exact Match\",\"email\":\"" + local + "@example.com\","
                + "\"phone\":\"+86 137-" + digits.substring(0, 4) + "-" + digits.substring(4) + "\"}");
        // newer, and its address starts with the whole of the other's: a prefix match, ranked after
        String longer = Api.register("{\"name\":\"Longer Address\",\"email\":\"" + local + "@example.com.cn\"}");
        assertThat(searchPages(RestAssured::given, " " + local.toUpperCase() + "@Example.com ", 1)).containsExactly(exact, longer);
        for (String spelling : List.of("+86 137 " + digits, "0086 (137) " + digits, "137" + digits, "137-" + digits.substring(0, 4) + "-" + digits.substring(4))) {
            assertThat(searchPages(RestAssured::given, spelling, 20)).as(spelling).containsExactly(exact);
        }
        // part of a number is not a phone: nothing, rather than every number containing it
        assertThat(searchPages(RestAssured::given, digits.substring(0, 6), 20)).isEmpty();
        // text inside an address is no longer searched (it matched every customer of a domain)
        assertThat(searchPages(RestAssured::given, "example.com", 20)).doesNotContain(exact);
    }

    private static String etag(String id) {
        return given().get("/api/v1/customers/" + id).then().statusCode(200).extract().header("ETag");
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
            // each kind of search has its index (issue 19)
            // Phones and fragments: with a handful of rows any index on live customers looks as cheap as theirs, so check that
            // they exist as the search's conditions need them (its SQL states merged_into is null and erased_at is null).
            ResultSet defs = c.createStatement().executeQuery(
                    "select string_agg(indexdef, E'\\n') from pg_indexes where indexname in ('customer_phones', 'customer_name_trgm',"
                            + " 'customer_name_trgm_partner')");
            defs.next();
            // (the storage parameter the GIN indexes carry since V16 is checked below)
            assertThat(defs.getString(1).replace(" WITH (gin_pending_list_limit='64')", "")).contains(
                    "gin (phones jsonb_path_ops) WHERE ((merged_into IS NULL) AND (erased_at IS NULL))",
                    "gin (lower(display_name) gin_trgm_ops) WHERE ((merged_into IS NULL) AND (erased_at IS NULL))",
                    "gin (lower(display_name) gin_trgm_ops) WHERE ((merged_into IS NULL) AND (erased_at IS NULL) AND consent_partner_sharing)");
            // every GIN index of the table keeps a small pending list: searches read all of it (V16)
            ResultSet gin = c.createStatement().executeQuery("""
                    select count(*), count(*) filter (where 'gin_pending_list_limit=64' = any(i.reloptions))
                    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_am a on a.oid = i.relam
                    where x.indrelid = 'customer'::regclass and a.amname = 'gin'""");
            gin.next();
            assertThat(gin.getInt(1)).isEqualTo(5);
            assertThat(gin.getInt(2)).isEqualTo(gin.getInt(1));
            // autovacuum passes after about 1% of the customers changed, so the fragment windows stay index-only (V18)
            ResultSet vacuum = c.createStatement().executeQuery("select array_to_string(reloptions, ',') from pg_class where relname = 'customer'");
            vacuum.next();
            assertThat(vacuum.getString(1)).contains("autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_insert_scale_factor=0.01");
            c.createStatement().execute("set enable_indexscan = on");
            c.createStatement().execute("set enable_bitmapscan = off");
            // the prefix ranks: a page is a range of the phone-book index, never a sort of every match
            // (as the search asks it: a range with open parameters, so one generic plan serves every prefix; PrefixRange)
            c.createStatement().execute("set plan_cache_mode = force_generic_plan");
            c.createStatement().execute("prepare by_name(text, text) as select id from customer c where lower(c.display_name) collate \"C\" >= $1"
                    + " and lower(c.display_name) collate \"C\" < $2 order by lower(c.display_name) collate \"C\", created_at desc, id desc limit 21");
            assertThat(plan(c, "explain execute by_name('li w', 'li x')")).contains("customer_name_order", "$1").doesNotContain("Sort");
            c.createStatement().execute("prepare by_email(text, text) as select customer_id from customer_email where email collate \"C\" >= $1"
                    + " and email collate \"C\" < $2 order by email collate \"C\" limit 21");
            assertThat(plan(c, "explain execute by_email('li.wei', 'li.wej')")).contains("customer_email_order", "$1").doesNotContain("Sort");
            c.createStatement().execute("set plan_cache_mode = auto");
            // a fragment's ids: an index-only walk of the narrow newest-first index, whatever a partner may see
            c.createStatement().execute("vacuum customer");
            c.createStatement().execute("set enable_sort = off");
            assertThat(plan(c, "explain select c.id, c.created_at from customer c where c.merged_into is null and c.erased_at is null"
                    + " and c.consent_partner_sharing and c.name_lower like '%nna sch%'"
                    + " and not c.name_lower collate \"C\" like 'nna sch%' order by c.created_at desc, c.id desc limit 21"))
                    .contains("Index Only Scan using customer_recent_names");
            c.createStatement().execute("set enable_sort = on");
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

    @Test
    void a_statement_planned_generically_changes_the_plan_mode_for_itself_alone_also_when_it_fails() throws Exception {
        JdbcStatement mode = JdbcStatement.of("select current_setting('plan_cache_mode')", List.of());
        try (Connection c = PostgresDatabase.connect()) {
            assertThat(c.getAutoCommit()).isTrue();
            for (int run = 0; run < 7; run++) { // past pgjdbc's prepare threshold (5): the server-side statements too
                assertThat(mode.listPlannedGenerically(c, row -> row.getString(1))).containsExactly("force_generic_plan");
                assertThat(mode.list(c, row -> row.getString(1))).containsExactly("auto");
            }
            assertThatThrownBy(() -> JdbcStatement.of("select 1 / ?1", List.of(0)).listPlannedGenerically(c, row -> row.getInt(1)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
            assertThat(mode.list(c, row -> row.getString(1))).containsExactly("auto");
            // inside a transaction the mode it replaced is set again right after
            c.setAutoCommit(false);
            c.createStatement().execute("set local plan_cache_mode = force_custom_plan");
            assertThat(mode.listPlannedGenerically(c, row -> row.getString(1))).containsExactly("force_generic_plan");
            assertThat(mode.list(c, row -> row.getString(1))).containsExactly("force_custom_plan");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(mode.list(c, row -> row.getString(1))).containsExactly("auto");
        }
    }

    @Test
    void a_page_of_customers_is_read_by_id_in_the_order_asked_with_null_for_an_unknown_id() {
        List<UUID> registered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            registered.add(UUID.fromString(Api.register()));
        }
        UUID unknown = UUID.randomUUID();
        // three ids: one statement padded to four slots
        List<UUID> asked = List.of(registered.get(2), unknown, registered.get(0));
        assertThat(customers.readAll(asked)).extracting(c -> c == null ? null : c.id)
                .containsExactly(registered.get(2), null, registered.get(0));
        assertThat(customers.readAll(List.of(registered.get(4)))).extracting(c -> c.id).containsExactly(registered.get(4));
        assertThat(customers.readAll(List.of())).isEmpty();
        // more ids than one statement takes: two statements, the order kept across them
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < Customers.MAX_IDS_PER_STATEMENT + 40; i++) {
            many.add(i == 3 ? registered.get(1) : i == Customers.MAX_IDS_PER_STATEMENT + 7 ? registered.get(3) : UUID.randomUUID());
        }
        List<Customer> read = customers.readAll(many);
        assertThat(read).hasSize(many.size());
        for (int i = 0; i < many.size(); i++) {
            assertThat(read.get(i) == null ? null : read.get(i).id).isEqualTo(i == 3 || i == Customers.MAX_IDS_PER_STATEMENT + 7 ? many.get(i) : null);
        }
    }

    private static String plan(Connection c, String explain) throws Exception {
        ResultSet rs = c.createStatement().executeQuery(explain);
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
        }
        return plan.toString();
    }

    /**
     * {@code n} random letters a to f: a word no other test's names hold. (Taking the letters of a random
     * UUID found fewer than six once in about 130 draws, three draws a run: the clean-clone CI of 2026-12-06 failed on it.)
     */
    static String letters(int n) {
        StringBuilder word = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom.current().ints(n, 'a', 'g').forEach(word::appendCodePoint);
        return word.toString();
    }
}
