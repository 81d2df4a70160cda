package dev.crmsuite.customer.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C trace context through the service (issue 18 item 5): a request's trace reaches the events it
 * causes (CloudEvents {@code traceparent}), an event's trace reaches the consumer's span and the
 * events that span causes, and log lines written meanwhile carry the trace id in the MDC.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class TracingTest {

    private static String traceId() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceIdOf(JsonNode event) {
        assertThat(event.hasNonNull("traceparent")).as("traceparent on %s", event).isTrue();
        String[] parts = event.get("traceparent").asText().split("-");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("00");
        assertThat(Integer.parseInt(parts[3], 16) & 1).as("sampled flag").isEqualTo(1);
        return parts[1];
    }

    @Test
    void the_event_a_request_causes_carries_the_requests_trace_id_and_the_servers_span_as_parent() {
        String trace = traceId();
        String callerSpan = "00f067aa0ba902b7";
        String id = given().contentType(ContentType.JSON).header("traceparent", "00-" + trace + "-" + callerSpan + "-01")
                .header("tracestate", "crm=test")
                .body("{\"name\":\"" + Api.unique("Traced") + "\",\"email\":\"" + Api.email() + "\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");

        List<JsonNode> events = TopicRecords.await("crm.customers", Duration.ofSeconds(15), r -> id.equals(r.key()))
                .stream().map(r -> TopicRecords.parse(r.value())).toList();
        assertThat(events).isNotEmpty();
        JsonNode registered = events.stream().filter(e -> e.get("type").asText().equals("crm.customer.registered.v1"))
                .findFirst().orElseThrow();
        assertThat(traceIdOf(registered)).isEqualTo(trace);
        // The parent is the service's own server span, not the caller's: the service's work is in the trace.
        assertThat(registered.get("traceparent").asText().split("-")[2]).isNotEqualTo(callerSpan);
        assertThat(registered.get("tracestate").asText()).isEqualTo("crm=test");
    }

    @Test
    void a_request_without_traceparent_starts_a_trace_of_its_own() {
        String first = Api.register();
        String second = Api.register();
        String a = traceIdOf(TopicRecords.await("crm.customers", Duration.ofSeconds(15), r -> first.equals(r.key()))
                .stream().map(r -> TopicRecords.parse(r.value())).findFirst().orElseThrow());
        String b = traceIdOf(TopicRecords.await("crm.customers", Duration.ofSeconds(15), r -> second.equals(r.key()))
                .stream().map(r -> TopicRecords.parse(r.value())).findFirst().orElseThrow());
        assertThat(a).isNotEqualTo(b).hasSize(32);
    }

    @Test
    void a_consumer_continues_the_events_trace_into_the_events_it_causes() {
        String manager = Api.unique("am");
        String id = Api.registerManaged(manager);
        String trace = traceId();
        String responseId = TopicRecords.newId();
        String unhappy = TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service", "crm.survey.unhappy-response.v1", id,
                "{\"responseId\":\"" + responseId + "\",\"surveyId\":\"s-1\",\"invitationId\":\"i-1\",\"customerId\":\"" + id
                        + "\",\"scoreType\":\"NPS\",\"score\":2,\"triggerEventType\":\"crm.purchase.recorded.v1\","
                        + "\"complaintId\":null,\"submittedAt\":\"2026-11-22T10:00:00Z\"}")
                .replaceFirst("\\{", "{\"traceparent\":\"00-" + trace + "-b7ad6b7169203331-01\",");
        TopicRecords.send("crm.surveys", id, unhappy);

        List<JsonNode> scheduled = TopicRecords.await("crm.customers", Duration.ofSeconds(30), r -> id.equals(r.key())
                        && r.value() != null && r.value().contains("crm.follow-up.scheduled.v1"))
                .stream().map(r -> TopicRecords.parse(r.value())).toList();
        assertThat(scheduled).hasSize(1);
        assertThat(traceIdOf(scheduled.getFirst())).isEqualTo(trace);
    }

    @Test
    void log_lines_written_while_serving_a_request_carry_its_trace_and_span_ids() {
        String trace = traceId();
        Logger access = Logger.getLogger("dev.crmsuite.platform.tracing.HttpServerSpans");
        Level before = access.getLevel();
        List<Map<String, String>> mdcs = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    mdcs.add(ext.getMdcCopy());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        access.setLevel(Level.FINE); // its DEBUG access line
        access.addHandler(capture);
        try {
            given().header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                    .get("/api/v1/customers/" + java.util.UUID.randomUUID()).then().statusCode(404);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !mdcs.isEmpty());
        } finally {
            access.removeHandler(capture);
            access.setLevel(before);
        }
        assertThat(mdcs).anySatisfy(mdc -> {
            assertThat(mdc).containsEntry("traceId", trace);
            assertThat(mdc.get("spanId")).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        });
    }
}
