package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every event the running services really put on Kafka keeps the contract of docs/asyncapi.yaml:
 * its CloudEvents envelope, the JSON Schema of its data, and its topic. The test drives a short
 * story of its own through the gateway (so it does not depend on other tests), then checks every
 * record on the four topics, including those other tests in this JVM produced: it is the last test
 * class of the run ({@code @Order(Integer.MAX_VALUE)}, the e2e pom orders classes), so that
 * is every record of the run. Every event type the document describes must have been seen at least
 * once in the run ({@code event types seen: N / M}), except those in {@link #NO_STORY_TRIGGERS}. The
 * story goes through the validating proxy, so its HTTP traffic is checked against the OpenAPI document
 * as well.
 */
@ExtendWith(RunningSuite.class)
@Order(Integer.MAX_VALUE)
class PublishedEventsIT {

    /** Event types no end-to-end story can make happen within a run, each with why. Keep this short. */
    static final Map<String, String> NO_STORY_TRIGGERS = Map.of(
            "crm.points.expired.v1", "points expire months after they were earned (loyalty-service's own tests drive it with a clock)",
            "crm.complaint.deadline-breached.v1", "the shortest complaint deadline is an hour of business time "
                    + "(complaint-service's own tests drive it with a clock)");

    static final List<String> TOPICS = List.of("crm.customers", "crm.loyalty", "crm.complaints", "crm.surveys",
            "crm.customers.personal", "crm.loyalty.personal", "crm.complaints.personal", "crm.surveys.personal");

    static RequestSpecification asStaff() {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer("x", "admin"));
    }

    @Test
    void every_published_event_matches_its_asyncapi_schema() throws Exception {
        AsyncApiEvents contracts = AsyncApiEvents.fromRepository();
        String customerId = driveAStory();

        // What the story must have produced before the records are worth checking.
        // (When the invitation was answered, also survey.response.submitted, unhappy-response and
        // complaint.reopened; they are checked like every other record then.)
        Set<String> expected = Set.of("crm.customer.registered.v1", "crm.purchase.recorded.v1", "crm.account.opened.v1",
                "crm.points.earned.v1", "crm.survey.published.v1", "crm.complaint.filed.v1",
                "crm.complaint.status-changed.v1", "crm.complaint.acknowledged.v1", "crm.complaint.resolved.v1",
                "crm.points.adjusted.v1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(typesOnTopics()).containsAll(expected));
        // What the run's last requests set off may still be on its way out of the services' outboxes: read
        // when the topics have stopped growing (two reads 2 s apart with the same count, 30 s at most).
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int now = TOPICS.stream().mapToInt(topic -> TopicRecords.all(topic).size()).sum();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });

        Map<String, Integer> checked = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        int notFromAService = 0;
        int tombstones = 0;
        for (String topic : TOPICS) {
            for (ConsumerRecord<String, String> record : TopicRecords.all(topic)) {
                if (record.value() == null && topic.endsWith(".personal")) {
                    tombstones++; // an erasure's (or a test probe's): only a key, checked by ErasureLeavesNoTraceIT
                    continue;
                }
                JsonNode event = parseOrNull(record.value());
                // Other tests may put hand-made (even broken) records on the topics to drill consumers;
                // the contract is about what the services publish, and every service's source is /crm/<name>.
                if (event == null || !event.path("source").asText().startsWith("/crm/")) {
                    notFromAService++;
                    continue;
                }
                String type = event.path("type").asText();
                checked.merge(type, 1, Integer::sum);
                String where = topic + "@" + record.partition() + ":" + record.offset() + " ";
                contracts.violations(event).forEach(v -> violations.add(where + v));
                String documentedTopic = contracts.topicOf(type);
                if (documentedTopic != null && !documentedTopic.equals(topic)) {
                    violations.add(where + type + " is documented on " + documentedTopic);
                }
                if (topic.endsWith(".personal")) {
                    // A personal record is keyed by what it replaces: <customerId>/<thing>/<objectId>.
                    String thing = type.replaceFirst("^crm\\.", "").replaceFirst("\\.personal-data-recorded\\.v1$", "");
                    String prefix = event.path("subject").asText() + "/" + thing + "/";
                    if (record.key() == null || !record.key().startsWith(prefix) || record.key().length() == prefix.length()) {
                        violations.add(where + type + ": record key " + record.key() + " is not " + prefix + "<objectId>");
                    }
                } else if (!event.path("subject").asText().equals(record.key())) {
                    // The record key is the subject (the customer id), so one customer's events keep their order.
                    violations.add(where + type + ": record key " + record.key() + " is not the subject "
                            + event.path("subject").asText());
                }
            }
        }
        System.out.printf("event contracts: %d records of %d types checked against docs/asyncapi.yaml (%d records not from a service "
                        + "and %d tombstones skipped): %s%n",
                checked.values().stream().mapToInt(Integer::intValue).sum(), checked.size(), notFromAService, tombstones, checked);
        assertThat(checked.keySet()).containsAll(expected);
        Set<String> notSeen = new TreeSet<>(contracts.types());
        notSeen.removeAll(checked.keySet());
        System.out.printf("event types seen: %d / %d%n", contracts.types().size() - notSeen.size(), contracts.types().size());
        notSeen.forEach(type -> System.out.println("  not seen: " + type
                + (NO_STORY_TRIGGERS.containsKey(type) ? " (excluded: " + NO_STORY_TRIGGERS.get(type) + ")" : "")));
        assertThat(violations).as("events that break docs/asyncapi.yaml (customer %s)", customerId).isEmpty();
        assertThat(notSeen.stream().filter(type -> !NO_STORY_TRIGGERS.containsKey(type)).toList())
                .as("event types of docs/asyncapi.yaml that no test of this run made a service publish").isEmpty();
    }

    static JsonNode parseOrNull(String value) {
        try {
            return value == null ? null : TopicRecords.parse(value);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    static Set<String> typesOnTopics() {
        Set<String> types = new TreeSet<>();
        for (String topic : TOPICS) {
            TopicRecords.all(topic).forEach(r -> {
                JsonNode event = parseOrNull(r.value());
                if (event != null) {
                    types.add(event.path("type").asText());
                }
            });
        }
        return types;
    }

    /** Register, buy, file and resolve a complaint with goodwill points, answer its survey unhappily if invited. */
    static String driveAStory() {
        String email = "contracts-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String customerId = asStaff().contentType(ContentType.JSON)
                .body(Map.of("kind", "PERSON", "name", "Contract " + email, "email", email,
                        "consents", Map.of("marketing", true, "partnerSharing", false)))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        asStaff().contentType(ContentType.JSON)
                .body(Map.of("externalOrderId", "CONTRACT-1", "amount", 800.00, "currency", "CNY", "discounted", false))
                .post("/api/v1/customers/" + customerId + "/purchases").then().statusCode(201);
        String survey = asStaff().contentType(ContentType.JSON)
                .body("""
                        {"title":"Contracts: was it solved?","questions":[
                          {"key":"recommend","type":"NPS","text":"Would you recommend us?","required":true},
                          {"key":"why","type":"FREE_TEXT","text":"Why?"}],
                         "triggers":[{"on":"COMPLAINT_RESOLVED"}]}""")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        asStaff().post("/api/v1/surveys/" + survey + "/publish").then().statusCode(201);
        // complaint-service learns the customer from its event; filing right away is accepted either way.
        String complaint = asStaff().contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "channel", "EMAIL", "category", "PRODUCT",
                        "subject", "Remote control missing", "description", "The box had no remote."))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        asStaff().post("/api/v1/complaints/" + complaint + "/acknowledge").then().statusCode(200);
        asStaff().post("/api/v1/complaints/" + complaint + "/start").then().statusCode(200);
        asStaff().contentType(ContentType.JSON)
                .body(Map.of("outcome", "Remote sent", "rootCause", "Packing", "firstContactResolution", true,
                        "compensationPoints", 50))
                .post("/api/v1/complaints/" + complaint + "/resolution").then().statusCode(200);
        // The resolution invites the customer, unless survey-service skips it (contact budget, or the
        // registration not consumed yet): both are events to check; only an invitation can be answered.
        // (The closed loop itself is CustomerJourneyIT's to prove; here it only adds events to check.)
        List<Map<String, Object>> invitations;
        try {
            invitations = await().atMost(Duration.ofSeconds(30)).until(() ->
                    asStaff().queryParam("customerId", customerId).get("/api/v1/survey-invitations")
                            .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items"),
                    l -> l.stream().anyMatch(i -> i.get("token") != null));
        } catch (org.awaitility.core.ConditionTimeoutException noInvitationToAnswer) {
            return customerId;
        }
        invitations.stream().map(i -> (String) i.get("token")).filter(java.util.Objects::nonNull).findFirst().ifPresent(token -> {
            given().baseUri(RunningSuite.api()).contentType(ContentType.JSON)
                    .body(Map.of("answers", Map.of("recommend", 3, "why", "Took a week")))
                    .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    asStaff().get("/api/v1/complaints/" + complaint).then().statusCode(200).body("status", equalTo("REOPENED")));
        });
        return customerId;
    }
}
