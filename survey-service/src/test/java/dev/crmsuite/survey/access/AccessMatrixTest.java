package dev.crmsuite.survey.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every operation of the service against every kind of caller: who gets 401, who gets 403, who
 * gets the operation, and that a refused write changed nothing (read back as admin). The list of
 * operations is checked against the OpenAPI document, so a new operation cannot escape it.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AccessMatrixTest {

    /** The survey every operation that needs one works on; its invitations belong to customers who share with partners. */
    private static String survey;
    /** An unpublished survey whose draft the update attempts edit. */
    private static String draft;
    /** An open invitation the reads use, and one the refused answers try (it must stay open). */
    private static String readToken;
    private static String refusedToken;
    /** Fresh open invitations, one per answer that is let through. */
    private static final Deque<String> answerTokens = new ArrayDeque<>();
    /** A customer with an invitation, whose data the export attempts read. */
    private static String exportCustomer;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** What a request is to do and how to tell that a refused one did nothing. */
    record Attempt(Function<RequestSpecification, Response> send, int allowedStatus, Supplier<Object> state) {
        static Attempt read(Function<RequestSpecification, Response> send) {
            return new Attempt(send, 200, () -> null);
        }
    }

    enum Operation {
        CREATE_SURVEY("createSurvey", Scopes.SURVEYS_WRITE, true) {
            Attempt prepare(boolean allowed) {
                String title = "Matrix create " + UUID.randomUUID();
                return new Attempt(r -> r.contentType(ContentType.JSON).body(Fixtures.survey(title, Fixtures.NPS_SURVEY_QUESTIONS, "[]"))
                        .post("/api/v1/surveys"), 201,
                        () -> Fixtures.queryLong("select count(*) from survey where title = '" + title + "'"));
            }
        },
        LIST_SURVEYS("listSurveys", Scopes.SURVEYS_READ, false) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.queryParam("limit", 5).get("/api/v1/surveys"));
            }
        },
        GET_SURVEY("getSurvey", Scopes.SURVEYS_READ, false) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.get("/api/v1/surveys/" + survey));
            }
        },
        UPDATE_SURVEY_DRAFT("updateSurveyDraft", Scopes.SURVEYS_WRITE, true) {
            Attempt prepare(boolean allowed) {
                String etag = given().get("/api/v1/surveys/" + draft).then().statusCode(200).extract().header("ETag");
                String body = Fixtures.survey("Matrix draft " + UUID.randomUUID(), Fixtures.NPS_SURVEY_QUESTIONS, "[]");
                return new Attempt(r -> r.contentType(ContentType.JSON).header("If-Match", etag).body(body)
                        .put("/api/v1/surveys/" + draft), 200, () -> surveyState(draft));
            }
        },
        PUBLISH_SURVEY("publishSurvey", Scopes.SURVEYS_WRITE, true) {
            Attempt prepare(boolean allowed) {
                String id = given().contentType(ContentType.JSON)
                        .body(Fixtures.survey("Matrix publish", Fixtures.NPS_SURVEY_QUESTIONS, "[]"))
                        .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
                return new Attempt(r -> r.post("/api/v1/surveys/" + id + "/publish"), 201, () -> surveyState(id)
                        + " versions=" + Fixtures.queryLong("select count(*) from survey_version where survey_id = '" + id + "'"));
            }
        },
        GET_SURVEY_VERSION("getSurveyVersion", Scopes.SURVEYS_READ, false) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.get("/api/v1/surveys/" + survey + "/versions/1"));
            }
        },
        GET_SURVEY_RESULTS("getSurveyResults", Scopes.SURVEYS_READ, true) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.get("/api/v1/surveys/" + survey + "/results"));
            }
        },
        LIST_SURVEY_TEXT_ANSWERS("listSurveyTextAnswers", Scopes.SURVEYS_READ, true) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.queryParam("limit", 5).get("/api/v1/surveys/" + survey + "/questions/why/answers"));
            }
        },
        LIST_SURVEY_INVITATIONS("listSurveyInvitations", Scopes.SURVEYS_READ, false) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.queryParam("surveyId", survey).get("/api/v1/survey-invitations"));
            }
        },
        OPEN_SURVEY_INVITATION("openSurveyInvitation", null, false) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.get("/api/v1/survey-invitations/" + readToken));
            }
        },
        SUBMIT_SURVEY_RESPONSE("submitSurveyResponse", null, false) {
            Attempt prepare(boolean allowed) {
                String token;
                synchronized (answerTokens) {
                    token = allowed ? answerTokens.pop() : refusedToken;
                }
                return new Attempt(r -> r.contentType(ContentType.JSON).body("{\"answers\":{\"recommend\":9}}")
                        .post("/api/v1/survey-invitations/" + token + "/responses"), 201,
                        () -> Fixtures.queryString("select status || ' ' || (select count(*) from survey_response r where r.invitation_id = i.id) "
                                + "from invitation i where token = '" + token + "'"));
            }
        },
        GET_SATISFACTION("getSatisfaction", Scopes.SURVEYS_READ, true) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.get("/api/v1/analytics/satisfaction"));
            }
        },
        EXPORT_SURVEY_PERSONAL_DATA("exportSurveyPersonalData", Scopes.CUSTOMERS_READ, true) {
            Attempt prepare(boolean allowed) {
                return Attempt.read(r -> r.get("/api/v1/privacy/surveys/customers/" + exportCustomer + "/export"));
            }
        };

        final String operationId;
        /** The scope the operation needs; null for the public ones. */
        final String scope;
        final boolean staffOnly;

        Operation(String operationId, String scope, boolean staffOnly) {
            this.operationId = operationId;
            this.scope = scope;
            this.staffOnly = staffOnly;
        }

        abstract Attempt prepare(boolean allowed);

        /** 401, 403, or 0 for "let through". */
        int refusalFor(CallerKind caller) {
            if (!caller.verified) {
                return 401;
            }
            if (scope == null) {
                return 0;
            }
            if (caller == CallerKind.ANONYMOUS) {
                return 401; // a customer without credentials: the gateway would ask them to authenticate
            }
            if (!caller.holds(scope) || staffOnly && caller.isPartner()) {
                return 403;
            }
            return 0;
        }
    }

    static Stream<Arguments> everyOperationAndCaller() {
        return Arrays.stream(Operation.values())
                .flatMap(op -> Arrays.stream(CallerKind.values()).map(caller -> Arguments.of(op, caller)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyOperationAndCaller")
    void each_caller_gets_exactly_what_the_operation_allows(Operation operation, CallerKind caller) {
        prepareData();
        int refusal = operation.refusalFor(caller);
        Attempt attempt = operation.prepare(refusal == 0);
        Object before = attempt.state().get();
        Response response = attempt.send().apply(given().header("Authorization", caller.authorization()));
        if (refusal == 0) {
            response.then().statusCode(attempt.allowedStatus());
            return;
        }
        response.then().statusCode(refusal);
        if (refusal == 403 || !response.asString().isEmpty()) {
            // 401 before the operation (no or a bad token) has no body; after it (anonymous) it is a problem like 403.
            response.then().contentType("application/problem+json").body("status", equalTo(refusal));
        }
        // Nothing of any invitation in a refusal (the instance echoes the caller's own path only).
        JsonNode body = response.asString().isEmpty() ? null : TopicRecords.parse(response.asString());
        String withoutPath = body == null ? "" : ((com.fasterxml.jackson.databind.node.ObjectNode) body).without("instance").toString();
        assertThat(withoutPath).doesNotContain(readToken).doesNotContain(refusedToken).doesNotContain(survey);
        assertThat(attempt.state().get()).as("a refused %s changes nothing", operation).isEqualTo(before);
    }

    @Test
    void the_matrix_covers_every_operation_of_the_document_with_the_permission_it_declares() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        Map<String, String> documented = new HashMap<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(op -> List.of("get", "post", "put", "patch", "delete").contains(op.getKey())).forEach(op -> {
            JsonNode security = op.getValue().path("security");
            documented.put(op.getValue().get("operationId").asText(),
                    security.isEmpty() ? "public" : security.get(0).get("InternalToken").get(0).asText());
        }));
        Map<String, String> tested = new HashMap<>();
        for (Operation op : Operation.values()) {
            tested.put(op.operationId, op.scope == null ? "public" : op.scope);
        }
        assertThat(tested).isEqualTo(documented);
    }

    private static String surveyState(String id) {
        Response current = given().get("/api/v1/surveys/" + id);
        current.then().statusCode(200);
        return current.header("ETag") + " " + current.path("title") + " latest=" + current.path("latestVersion");
    }

    /** The surveys and invitations the attempts use, made once (as admin, through the real API and broker). */
    private static synchronized void prepareData() {
        if (survey != null) {
            return;
        }
        String id = Fixtures.publish(Fixtures.survey("Matrix", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        List<String> customers = Stream.generate(() -> Fixtures.registerCustomerSharing(true)).limit(9).toList();
        customers.forEach(c -> Fixtures.purchase(c, "10.00"));
        List<String> tokens = customers.stream().map(c -> (String) Fixtures.awaitInvitations(c, 1).getFirst().get("token")).toList();
        Fixtures.retireAll();
        exportCustomer = customers.get(0);
        readToken = tokens.get(0);
        refusedToken = tokens.get(1);
        answerTokens.addAll(tokens.subList(2, tokens.size()));
        draft = given().contentType(ContentType.JSON).body(Fixtures.survey("Matrix draft", Fixtures.NPS_SURVEY_QUESTIONS, "[]"))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        survey = id;
    }
}
