package dev.crmsuite.loyalty.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.loyalty.support.Tokens;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation x every kind of caller: who gets 401, who gets 403, who gets through, and that a
 * refused write changes nothing (read back as admin). The operations are checked against the
 * OpenAPI document, so an operation added without a row here fails this test.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AccessMatrixTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** What an operation needs beyond its scope. */
    enum Wall { NONE, STAFF_ONLY }

    /** One request of an operation: where, with what, and how to read back what it could change. */
    record Call(String path, String body, Map<String, String> headers, Supplier<String> readBack) {
        static Call read(String path) {
            return new Call(path, null, Map.of(), null);
        }
    }

    /** An operation as documented (method + path template), its permission and a fresh request for it. */
    record Op(String method, String template, String scope, Wall wall, Set<Integer> allowed, Supplier<Call> call) {
        String name() {
            return method + " " + template;
        }
    }

    enum Outcome { UNAUTHENTICATED, FORBIDDEN, ALLOWED }

    /** A kind of caller and what it may do. */
    record Caller(String name, Supplier<String> authorization, java.util.function.Function<Op, Outcome> expected) {
    }

    /** The viewer holds every read scope; loyalty's operations need loyalty:read, the personal data export customers:read. */
    static final Set<String> READERS = Set.of(Scopes.LOYALTY_READ, Scopes.CUSTOMERS_READ);

    static List<Caller> callers() {
        java.util.function.Function<Op, Outcome> never = op -> Outcome.UNAUTHENTICATED;
        return List.of(
                new Caller("no token", Tokens::none, never),
                new Caller("anonymous token", Tokens::anonymous, never),
                new Caller("token for another service", Tokens::otherAudience, never),
                new Caller("expired token", Tokens::expired, never),
                new Caller("token living too long", Tokens::tooLong, never),
                new Caller("token from another issuer", Tokens::otherIssuer, never),
                new Caller("forged token", Tokens::forged, never),
                new Caller("partner with an unrelated scope", () -> Tokens.partner("p-unrelated", Scopes.CUSTOMERS_READ),
                        op -> Outcome.FORBIDDEN),
                new Caller("partner with every scope but admin", () -> Tokens.partnerWithEveryScope("p-all"),
                        op -> op.scope().equals(Scopes.ADMIN) || op.wall() == Wall.STAFF_ONLY ? Outcome.FORBIDDEN : Outcome.ALLOWED),
                new Caller("viewer", Tokens::viewer,
                        op -> READERS.contains(op.scope()) ? Outcome.ALLOWED : Outcome.FORBIDDEN),
                new Caller("staff with every scope but admin", Tokens::staff,
                        op -> op.scope().equals(Scopes.ADMIN) ? Outcome.FORBIDDEN : Outcome.ALLOWED),
                new Caller("admin", Tokens::admin, op -> Outcome.ALLOWED));
    }

    @Test
    void every_operation_answers_each_caller_as_its_permission_says_and_refused_writes_change_nothing() throws Exception {
        Fixture f = new Fixture();
        List<Op> ops = f.operations();
        assertThat(ops.stream().map(Op::name).toList()).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(ops.stream().map(Op::name).toList())).isEqualTo(documentedOperations().keySet());
        documentedOperations().forEach((name, scopes) -> assertThat(scopes).as(name)
                .containsExactly(ops.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().scope()));

        List<String> failures = new ArrayList<>();
        for (Op op : ops) {
            for (Caller caller : callers()) {
                Outcome expected = caller.expected().apply(op);
                Call call = op.call().get();
                String before = call.readBack() == null ? null : call.readBack().get();
                Response response = send(op.method(), call, caller.authorization().get());
                int status = response.statusCode();
                String what = op.name() + " as " + caller.name() + " -> " + status;
                switch (expected) {
                    case UNAUTHENTICATED -> {
                        if (status != 401) {
                            failures.add(what + ", expected 401");
                        }
                    }
                    case FORBIDDEN -> {
                        if (status != 403) {
                            failures.add(what + ", expected 403");
                        } else if (!"application/problem+json".equals(response.contentType())) {
                            failures.add(what + " without problem+json");
                        }
                    }
                    case ALLOWED -> {
                        if (!op.allowed().contains(status)) {
                            failures.add(what + ", expected one of " + op.allowed() + ": " + response.asString());
                        }
                    }
                }
                if (expected != Outcome.ALLOWED && call.readBack() != null) {
                    String after = call.readBack().get();
                    if (!before.equals(after)) {
                        failures.add(what + " changed " + before + " into " + after);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void a_401_is_problem_json_and_names_the_scheme() {
        given().header("Authorization", Tokens.otherAudience()).get(BASE + "/tiers").then().statusCode(401);
        given().header("Authorization", Tokens.anonymous()).get(BASE + "/tiers").then().statusCode(401)
                .contentType("application/problem+json");
    }

    static Response send(String method, Call call, String authorization) {
        RequestSpecification request = given().header("Authorization", authorization).urlEncodingEnabled(false);
        call.headers().forEach(request::header);
        if (call.body() != null) {
            request.contentType(ContentType.JSON).body(call.body());
        }
        return request.request(method, call.path()).andReturn();
    }

    /** "METHOD /path" of every /api/v1 operation in the document, with the scopes its security requirement names. */
    static Map<String, List<String>> documentedOperations() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        Map<String, List<String>> out = new java.util.TreeMap<>();
        doc.get("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/v1/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    return;
                }
                List<String> scopes = new ArrayList<>();
                op.getValue().path("security").forEach(requirement -> requirement.path("InternalToken").forEach(s -> scopes.add(s.asText())));
                out.put(op.getKey().toUpperCase() + " " + path.getKey(), scopes);
            });
        });
        return out;
    }

    static String sql(String query) {
        try (Connection c = PostgresDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member with points, a reward, a redemption and vouchers to aim every operation at. */
    static final class Fixture {
        final String member = Loyalty.member(true);
        final String reward;
        final String redemption;
        final String voucher;

        Fixture() {
            Loyalty.bonus(member, 1_000_000);
            reward = given().contentType(ContentType.JSON).body("{\"name\":\"Mug\",\"pointsCost\":10}")
                    .post(BASE + "/rewards").then().statusCode(201).extract().path("id");
            redemption = given().contentType(ContentType.JSON).body("{\"points\":1}")
                    .post(BASE + "/accounts/" + member + "/redemptions").then().statusCode(201).extract().path("redemptionId");
            voucher = newVoucher();
        }

        String newVoucher() {
            return given().contentType(ContentType.JSON)
                    .body("{\"customerId\":\"" + member + "\",\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\""
                            + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}")
                    .post(BASE + "/vouchers").then().statusCode(201).extract().path("code");
        }

        String account() {
            return given().get(BASE + "/accounts/" + member).then().statusCode(200).extract().asString();
        }

        String voucherState(String code) {
            return given().get(BASE + "/vouchers/" + code).then().statusCode(200).extract().asString();
        }

        String rewardState() {
            return given().get(BASE + "/rewards/" + reward).then().statusCode(200).extract().asString();
        }

        List<Op> operations() {
            String acc = BASE + "/accounts/" + member;
            String from = Instant.now().minus(30, ChronoUnit.DAYS).toString();
            String to = Instant.now().plus(1, ChronoUnit.DAYS).toString();
            String validUntil = Instant.now().plus(30, ChronoUnit.DAYS).toString();
            Supplier<String> vouchers = () -> sql("select count(*) from voucher");
            return List.of(
                    new Op("GET", "/api/v1/loyalty/accounts/{customerId}", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(acc)),
                    new Op("GET", "/api/v1/loyalty/accounts/{customerId}/ledger", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(acc + "/ledger")),
                    new Op("GET", "/api/v1/loyalty/accounts/{customerId}/lots", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(acc + "/lots")),
                    new Op("POST", "/api/v1/loyalty/accounts/{customerId}/adjustments", Scopes.LOYALTY_WRITE, Wall.STAFF_ONLY,
                            Set.of(201), () -> new Call(acc + "/adjustments", "{\"kind\":\"BONUS\",\"points\":7,\"reason\":\"matrix\"}",
                            Map.of(), this::account)),
                    new Op("GET", "/api/v1/loyalty/accounts/{customerId}/goodwill", Scopes.LOYALTY_READ, Wall.STAFF_ONLY, Set.of(200),
                            () -> Call.read(acc + "/goodwill")),
                    new Op("POST", "/api/v1/loyalty/accounts/{customerId}/redemptions", Scopes.LOYALTY_WRITE, Wall.NONE, Set.of(201),
                            () -> new Call(acc + "/redemptions", "{\"points\":3}", Map.of(), this::account)),
                    new Op("GET", "/api/v1/loyalty/accounts/{customerId}/redemptions", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(acc + "/redemptions")),
                    new Op("GET", "/api/v1/loyalty/accounts/{customerId}/redemptions/{redemptionId}", Scopes.LOYALTY_READ, Wall.NONE,
                            Set.of(200), () -> Call.read(acc + "/redemptions/" + redemption)),
                    new Op("POST", "/api/v1/loyalty/rewards", Scopes.ADMIN, Wall.STAFF_ONLY, Set.of(201),
                            () -> new Call(BASE + "/rewards", "{\"name\":\"Pen\",\"pointsCost\":5}", Map.of(),
                                    () -> sql("select count(*) from reward"))),
                    new Op("GET", "/api/v1/loyalty/rewards", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/rewards")),
                    new Op("GET", "/api/v1/loyalty/rewards/{rewardId}", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/rewards/" + reward)),
                    new Op("PATCH", "/api/v1/loyalty/rewards/{rewardId}", Scopes.ADMIN, Wall.STAFF_ONLY, Set.of(200),
                            () -> new Call(BASE + "/rewards/" + reward, "{\"stock\":" + (100 + (int) (Math.random() * 1000)) + "}",
                                    Map.of("If-Match", given().get(BASE + "/rewards/" + reward).header("ETag")), this::rewardState)),
                    new Op("GET", "/api/v1/loyalty/rules", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/rules")),
                    new Op("GET", "/api/v1/loyalty/rules/{version}", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/rules/1")),
                    // Far in the future: published versions never price the other tests' purchases.
                    new Op("POST", "/api/v1/loyalty/rules", Scopes.ADMIN, Wall.STAFF_ONLY, Set.of(201),
                            () -> new Call(BASE + "/rules", "{\"rules\":{\"pointsPerUnit\":1,\"minimumPurchase\":0},"
                                    + "\"effectiveFrom\":\"2999-01-01T00:00:00Z\",\"note\":\"matrix\"}", Map.of(),
                                    () -> sql("select count(*) from earning_rule_set"))),
                    new Op("POST", "/api/v1/loyalty/rules/simulate", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> new Call(BASE + "/rules/simulate", "{\"amount\":10,\"customerId\":\"" + member + "\"}", Map.of(),
                                    () -> sql("select count(*) from earning_rule_set"))),
                    new Op("POST", "/api/v1/loyalty/rules/backtest", Scopes.LOYALTY_READ, Wall.STAFF_ONLY, Set.of(200),
                            () -> new Call(BASE + "/rules/backtest", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\","
                                    + "\"draft\":{\"pointsPerUnit\":2,\"minimumPurchase\":0}}", Map.of(), null)),
                    new Op("GET", "/api/v1/loyalty/tiers", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/tiers")),
                    new Op("POST", "/api/v1/loyalty/vouchers", Scopes.LOYALTY_WRITE, Wall.NONE, Set.of(201),
                            () -> new Call(BASE + "/vouchers", "{\"customerId\":\"" + member + "\",\"kind\":\"VALUE\",\"value\":5,"
                                    + "\"validUntil\":\"" + validUntil + "\"}", Map.of(), vouchers)),
                    new Op("POST", "/api/v1/loyalty/vouchers/batches", Scopes.LOYALTY_WRITE, Wall.STAFF_ONLY, Set.of(201),
                            () -> new Call(BASE + "/vouchers/batches", "{\"count\":2,\"kind\":\"VALUE\",\"value\":5,"
                                    + "\"validUntil\":\"" + validUntil + "\"}", Map.of(), vouchers)),
                    new Op("GET", "/api/v1/loyalty/vouchers", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/vouchers?customerId=" + member)),
                    new Op("GET", "/api/v1/loyalty/vouchers/{code}", Scopes.LOYALTY_READ, Wall.NONE, Set.of(200),
                            () -> Call.read(BASE + "/vouchers/" + voucher)),
                    new Op("POST", "/api/v1/loyalty/vouchers/{code}/redemption", Scopes.LOYALTY_WRITE, Wall.NONE, Set.of(200), () -> {
                        String code = newVoucher();
                        return new Call(BASE + "/vouchers/" + code + "/redemption", "{\"customerId\":\"" + member + "\"}", Map.of(),
                                () -> voucherState(code));
                    }),
                    new Op("POST", "/api/v1/loyalty/vouchers/{code}/cancellation", Scopes.LOYALTY_WRITE, Wall.NONE, Set.of(200), () -> {
                        String code = newVoucher();
                        return new Call(BASE + "/vouchers/" + code + "/cancellation", "{\"reason\":\"matrix\"}", Map.of(),
                                () -> voucherState(code));
                    }),
                    new Op("GET", "/api/v1/loyalty/analytics", Scopes.LOYALTY_READ, Wall.STAFF_ONLY, Set.of(200),
                            () -> Call.read(BASE + "/analytics")),
                    new Op("GET", "/api/v1/privacy/loyalty/customers/{customerId}/export", Scopes.CUSTOMERS_READ, Wall.STAFF_ONLY,
                            Set.of(200), () -> Call.read("/api/v1/privacy/loyalty/customers/" + member + "/export")));
        }
    }
}
