package dev.crmsuite.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the one envelope every service publishes and
 * consumes. {@code subject} is always the customer id, which is also the Kafka record key, so all
 * events of one customer land on one partition and keep their order.
 *
 * <p>{@code requestid} is an extension attribute: the {@code X-Request-Id} of the HTTP request that
 * caused the event, so a request can be followed to every event it produced.
 *
 * <p>{@code traceparent} and {@code tracestate} are the CloudEvents Distributed Tracing extension:
 * the W3C trace context of the span that wrote the event (absent when there was none), so the
 * consumer's span continues the producer's trace ({@code tracing.EventSpans}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true) // other CloudEvents extensions may be present; they are not ours to reject
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String requestid,
        String traceparent,
        String tracestate,
        JsonNode data) {

    /** An event without trace context (copies and test events; the outbox sets it). */
    public CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
                      String datacontenttype, String requestid, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, requestid, null, null, data);
    }

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** Throws {@link PoisonEventException} when a required attribute is missing. */
    public CloudEvent requireValid() {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new PoisonEventException("specversion must be 1.0, was " + specversion);
        }
        if (isBlank(id) || isBlank(source) || isBlank(type)) {
            throw new PoisonEventException("id, source and type are required CloudEvents attributes");
        }
        if (isBlank(subject)) {
            throw new PoisonEventException("subject (the customer id) is required on every CRM event");
        }
        return this;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
