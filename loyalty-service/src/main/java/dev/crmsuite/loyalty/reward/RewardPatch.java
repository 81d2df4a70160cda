package dev.crmsuite.loyalty.reward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.reward.RewardViews.RewardChange;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A change to a reward as a JSON Merge Patch (RFC 7396), the suite's one rule for PATCH: a member
 * present replaces, {@code null} removes an optional one (description; stock, which makes the reward
 * unlimited), an absent member stays as it is. {@code null} for a member every reward must have
 * (name, pointsCost, active) is refused naming the field, rather than read as "leave it": a client
 * that sends null means to remove, and cannot.
 */
final class RewardPatch {

    /** Members every reward has: a patch may replace them, never remove them. */
    static final List<String> REQUIRED = List.of("name", "pointsCost", "active");

    private final JsonNode members;
    private final RewardChange values;

    private RewardPatch(JsonNode members, RewardChange values) {
        this.members = members;
        this.values = values;
    }

    /**
     * Reads the patch with {@code mapper} (the REST mapper: a value of the wrong JSON type is a 400 naming the field,
     * as for every other body). The typed values still need Bean Validation ({@link #values()}).
     */
    static RewardPatch read(String body, ObjectMapper mapper) throws JsonProcessingException {
        JsonNode members = body == null || body.isBlank() ? null : mapper.readTree(body);
        if (members == null || !members.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object (a JSON Merge Patch)");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : REQUIRED) {
            if (members.has(field) && members.get(field).isNull()) {
                errors.add(new Problem.FieldError(field, "is required and cannot be removed: send a value or leave it out"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        RewardPatch patch = new RewardPatch(members, mapper.treeToValue(members, RewardChange.class));
        if (patch.values.name() != null && patch.values.name().isBlank()) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        return patch;
    }

    /** The patch's values, typed, for Bean Validation; null for members that are absent or removed. */
    RewardChange values() {
        return values;
    }

    void applyTo(Reward reward) {
        if (members.has("name")) {
            reward.name = values.name().trim();
        }
        if (members.has("description")) {
            reward.description = values.description();
        }
        if (members.has("pointsCost")) {
            reward.pointsCost = values.pointsCost();
        }
        if (members.has("stock")) {
            reward.stock = values.stock();
        }
        if (members.has("active")) {
            reward.active = values.active();
        }
    }
}
