package dev.crmsuite.complaint.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static dev.crmsuite.complaint.testing.Api.AUDIENCE;
import static dev.crmsuite.complaint.testing.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the service against every kind of caller: who gets 401 (no valid internal
 * token for this service), who gets 403 (scope missing, or a partner on a back-office operation),
 * and who gets the operation's success. A refused write changes nothing (read back as admin). The
 * table must name every operation of the OpenAPI document, so a new operation fails here until its
 * access is decided.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AccessMatrixTest {

    /** Every read scope of the suite: what a viewer holds. */
    static final String[] READ_SCOPES = Scopes.ALL.stream().filter(s -> s.endsWith(":read")).toArray(String[]::new);
    static final String[] ALL_BUT_ADMIN = Scopes.ALL.stream().filter(s -> !s.equals(Scopes.ADMIN)).toArray(String[]::new);

    /** Who calls, and the Authorization header that says so. */
    enum Caller {
        NONE, ANONYMOUS, OTHER_AUDIENCE, EXPIRED, TOO_LONG_LIVED, WRONG_ISSUER, BAD_SIGNATURE,
        PARTNER_ONE_UNRELATED_SCOPE, PARTNER_ALL_SCOPES, VIEWER, STAFF_ALL_BUT_ADMIN, ADMIN;

        String authorization() {
            long now = Instant.now().getEpochSecond();
            return switch (this) {
                case NONE -> InternalTokens.NO_TOKEN;
                case ANONYMOUS -> bearer(InternalTokens.anonymous(AUDIENCE));
                case OTHER_AUDIENCE -> bearer(InternalTokens.admin("customer-service"));
                case EXPIRED -> bearer(InternalTokens.sign(AUDIENCE, "user:late", "staff", null, "late", List.of(Scopes.ADMIN),
                        now - 600, now - 480, InternalTokens.ISSUER));
                case TOO_LONG_LIVED -> bearer(InternalTokens.sign(AUDIENCE, "user:long", "staff", null, "long", List.of(Scopes.ADMIN),
                        now, now + 3600, InternalTokens.ISSUER));
                case WRONG_ISSUER -> bearer(InternalTokens.sign(AUDIENCE, "user:x", "staff", null, "x", List.of(Scopes.ADMIN),
                        now, now + 120, "someone-else"));
                case BAD_SIGNATURE -> {
                    String token = InternalTokens.admin(AUDIENCE);
                    int last = token.length() - 5;
                    yield bearer(token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1));
                }
                case PARTNER_ONE_UNRELATED_SCOPE -> bearer(InternalTokens.partner(AUDIENCE, "p-one", Scopes.CUSTOMERS_READ));
                case PARTNER_ALL_SCOPES -> bearer(InternalTokens.partner(AUDIENCE, "p-all", Api.PARTNER_SCOPES));
                case VIEWER -> bearer(InternalTokens.staff(AUDIENCE, READ_SCOPES));
                case STAFF_ALL_BUT_ADMIN -> bearer(InternalTokens.staff(AUDIENCE, ALL_BUT_ADMIN));
                case ADMIN -> bearer(InternalTokens.admin(AUDIENCE));
            };
        }

        boolean authenticated() {
            return ordinal() >= PARTNER_ONE_UNRELATED_SCOPE.ordinal();
        }
    }

    /** The state a complaint must be in for an operation to succeed. */
    enum Setup { NONE, OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, TAGGED, RICH, ESCALATED }

    /**
     * One operation: method and OpenAPI path, whether it changes something, whether partners are
     * refused it whatever their scopes, the status of success, the state it needs, its body.
     */
    record Op(String method, String path, boolean write, boolean staffOnly, int success, Setup setup, String body) {
        String name() {
            return method + " " + path;
        }
    }

    static final String RESOLUTION = "{\"outcome\":\"Replacement sent\",\"rootCause\":\"Thin packaging\",\"firstContactResolution\":true}";

    static List<Op> operations(String fileCustomer) {
        String p = "/api/v1/complaints";
        return List.of(
                new Op("POST", p, true, false, 201, Setup.NONE, Api.body(fileCustomer, "PARTNER", "PRODUCT", null)),
                new Op("GET", p, false, false, 200, Setup.NONE, null),
                new Op("GET", p + "/unknown-customers", false, true, 200, Setup.NONE, null),
                new Op("GET", p + "/stats", false, true, 200, Setup.NONE, null),
                new Op("GET", p + "/{id}", false, false, 200, Setup.RICH, null),
                new Op("POST", p + "/{id}/acknowledge", true, false, 200, Setup.OPEN, null),
                new Op("POST", p + "/{id}/start", true, false, 200, Setup.ACKNOWLEDGED, null),
                new Op("POST", p + "/{id}/wait-on-customer", true, false, 200, Setup.IN_PROGRESS, null),
                new Op("POST", p + "/{id}/resolution", true, false, 200, Setup.IN_PROGRESS, RESOLUTION),
                new Op("POST", p + "/{id}/reopen", true, false, 200, Setup.RESOLVED, "{\"reason\":\"Still broken\"}"),
                new Op("POST", p + "/{id}/close", true, false, 200, Setup.RESOLVED, null),
                new Op("POST", p + "/{id}/assignment", true, true, 200, Setup.OPEN, "{\"assignee\":\"ben\"}"),
                new Op("GET", p + "/{id}/assignments", false, true, 200, Setup.RICH, null),
                new Op("POST", p + "/{id}/escalation", true, true, 200, Setup.OPEN,
                        "{\"reason\":\"Customer threatens to cancel the contract\"}"),
                new Op("POST", p + "/{id}/escalation/acknowledge", true, true, 200, Setup.ESCALATED, null),
                new Op("GET", "/api/v1/escalations", false, true, 200, Setup.NONE, null),
                new Op("GET", p + "/{id}/pauses", false, false, 200, Setup.RICH, null),
                new Op("POST", p + "/{id}/comments", true, false, 201, Setup.OPEN,
                        "{\"body\":\"We are on it\",\"visibility\":\"CUSTOMER\"}"),
                new Op("GET", p + "/{id}/comments", false, false, 200, Setup.RICH, null),
                new Op("POST", p + "/{id}/tags", true, false, 200, Setup.OPEN, "{\"tag\":\"access-check\"}"),
                new Op("GET", p + "/{id}/tags", false, false, 200, Setup.RICH, null),
                new Op("DELETE", p + "/{id}/tags/{tag}", true, false, 204, Setup.TAGGED, null),
                new Op("GET", p + "/{id}/audit", false, true, 200, Setup.RICH, null),
                // The customer's personal data export (issue 17 item 1): customers:read, staff only.
                new Op("GET", "/api/v1/privacy/complaints/customers/{customerId}/export", false, true, 200, Setup.NONE, null));
    }

    /** What the caller must get for the operation. */
    static int expected(Op op, Caller caller) {
        if (!caller.authenticated()) {
            return 401;
        }
        return switch (caller) {
            case PARTNER_ONE_UNRELATED_SCOPE -> 403;
            case PARTNER_ALL_SCOPES -> op.staffOnly() ? 403 : op.success();
            case VIEWER -> op.write() ? 403 : op.success();
            default -> op.success();
        };
    }

    @Inject
    ControllableClock clock;
    @Inject
    dev.crmsuite.complaint.sla.DeadlineCheck deadlineCheck;

    /** The injected clock and check, for the static setups: an ESCALATED complaint needs a missed deadline. */
    static ControllableClock testClock;
    static dev.crmsuite.complaint.sla.DeadlineCheck check;

    /** Customers who consented to partner sharing, so partners' allowed calls reach real complaints. */
    static String customer;
    static String fileCustomer;

    @BeforeEach
    void consentingCustomers() {
        clock.set(Api.berlin("2026-11-30T10:00"));
        testClock = clock;
        check = deadlineCheck;
        if (customer != null) {
            return;
        }
        customer = Api.newCustomer();
        fileCustomer = Api.newCustomer();
        Api.registered(customer, true);
        Api.registered(fileCustomer, true);
        Api.awaitConsent(customer, true);
        Api.awaitConsent(fileCustomer, true);
    }

    @Test
    void the_table_names_every_operation_of_the_document() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Set<String> documented = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method) && path.getKey().startsWith("/api/")) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        Set<String> tabled = new TreeSet<>(operations(fileCustomer).stream().map(Op::name).toList());
        assertThat(tabled).isEqualTo(documented);
        // The contract says which operations partners are refused whatever their scopes: the same as this table.
        Set<String> markedStaffOnly = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().path("x-crm-staff-only").asBoolean(false)) {
                markedStaffOnly.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(markedStaffOnly).isEqualTo(new TreeSet<>(operations(fileCustomer).stream().filter(Op::staffOnly)
                .map(Op::name).toList()));
    }

    @Test
    void every_operation_answers_every_caller_as_its_permission_says() {
        List<String> wrong = new ArrayList<>();
        for (Op op : operations(fileCustomer)) {
            String sharedId = op.write() ? null : prepare(op.setup());
            for (Caller caller : Caller.values()) {
                String id = op.write() ? prepare(op.setup()) : sharedId;
                String before = op.write() ? state(op, id) : null;
                Response response = call(op, id, caller.authorization());
                int want = expected(op, caller);
                if (response.statusCode() != want) {
                    wrong.add(op.name() + " as " + caller + ": " + response.statusCode() + " (expected " + want + ") "
                            + response.asString());
                    continue;
                }
                if (want == 401 || want == 403) {
                    assertThat(response.contentType()).as(op.name() + " as " + caller).startsWith("application/problem+json");
                    if (want == 401) {
                        assertThat(response.header("WWW-Authenticate")).as(op.name() + " as " + caller).startsWith("Bearer");
                    }
                    if (op.write()) {
                        assertThat(state(op, id)).as("a refused " + op.name() + " as " + caller + " changes nothing")
                                .isEqualTo(before);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void an_allowed_write_is_recorded_under_the_callers_actor() {
        String id = prepare(Setup.OPEN);
        given().header("Authorization", Caller.PARTNER_ALL_SCOPES.authorization()).post(BASE + "/" + id + "/acknowledge")
                .then().statusCode(200);
        given().header("Authorization", Caller.STAFF_ALL_BUT_ADMIN.authorization()).post(BASE + "/" + id + "/start")
                .then().statusCode(200);
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'status' && it.newValue == 'ACKNOWLEDGED' }.actor",
                        org.hamcrest.Matchers.equalTo("Partner p-all"))
                .body("items.find { it.field == 'status' && it.newValue == 'IN_PROGRESS' }.actor",
                        org.hamcrest.Matchers.equalTo("test-staff"));
    }

    private static Response call(Op op, String id, String authorization) {
        RequestSpecification request = given().header("Authorization", authorization);
        if (op.body() != null) {
            request = request.contentType(ContentType.JSON).body(op.body());
        }
        String path = op.path().replace("{id}", id == null ? "" : id).replace("{tag}", "access-check")
                .replace("{customerId}", customer);
        return request.request(op.method(), path).then().extract().response();
    }

    /** A complaint (as admin) in the state the operation needs; null when it needs none. */
    private static String prepare(Setup setup) {
        if (setup == Setup.NONE) {
            return null;
        }
        String id = Api.fileId(customer, "PARTNER", "SERVICE");
        switch (setup) {
            case ACKNOWLEDGED -> Api.act(id, "acknowledge").statusCode(200);
            case IN_PROGRESS -> {
                Api.act(id, "acknowledge").statusCode(200);
                Api.act(id, "start").statusCode(200);
            }
            case RESOLVED -> {
                Api.act(id, "acknowledge").statusCode(200);
                Api.act(id, "start").statusCode(200);
                Api.resolve(id, true, null).statusCode(200);
            }
            case TAGGED -> tag(id);
            case ESCALATED -> {
                // SERVICE is MEDIUM: respond within 8 business hours. A day later the check escalates it to the care lead.
                testClock.set(Api.berlin("2026-12-01T11:00"));
                check.run();
                testClock.set(Api.berlin("2026-11-30T10:00"));
                Api.get(id).body("escalation.status", org.hamcrest.Matchers.equalTo("OPEN"));
            }
            case RICH -> {
                Api.act(id, "acknowledge").statusCode(200);
                Api.act(id, "start").statusCode(200);
                Api.act(id, "wait-on-customer").statusCode(200);
                Api.act(id, "start").statusCode(200);
                given().contentType(ContentType.JSON).body("{\"body\":\"Hello\",\"visibility\":\"CUSTOMER\"}")
                        .post(BASE + "/" + id + "/comments").then().statusCode(201);
                tag(id);
            }
            default -> {
            }
        }
        return id;
    }

    private static void tag(String id) {
        given().contentType(ContentType.JSON).body("{\"tag\":\"access-check\"}").post(BASE + "/" + id + "/tags").then().statusCode(200);
    }

    /** Everything a write could change, read as admin. */
    private static String state(Op op, String id) {
        if (id == null) {
            return given().queryParam("customerId", fileCustomer).queryParam("limit", 200).get(BASE).then().statusCode(200)
                    .extract().asString();
        }
        Function<String, String> read = sub -> given().queryParam("limit", 200).get(BASE + "/" + id + sub).then().statusCode(200)
                .extract().asString();
        return String.join("\n", read.apply(""), read.apply("/audit"), read.apply("/comments"), read.apply("/tags"),
                read.apply("/assignments"), read.apply("/pauses"));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
