package dev.crmsuite.loyalty.reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** JSON Merge Patch of a reward, without Quarkus: present replaces, null removes an optional member, absent stays. */
class RewardPatchTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Reward reward() {
        Reward r = new Reward();
        r.id = UUID.randomUUID();
        r.name = "Cinema voucher";
        r.description = "Valid in all partner cinemas";
        r.pointsCost = 1500;
        r.stock = 10;
        r.active = true;
        r.createdAt = OffsetDateTime.parse("2026-11-01T10:00:00Z");
        return r;
    }

    @Test
    void a_present_member_replaces_and_an_absent_one_stays() throws Exception {
        Reward r = reward();
        RewardPatch.read("{\"name\":\"  Cinema for two \",\"pointsCost\":1800}", JSON).applyTo(r);
        assertThat(r.name).isEqualTo("Cinema for two");
        assertThat(r.pointsCost).isEqualTo(1800);
        assertThat(r.description).isEqualTo("Valid in all partner cinemas");
        assertThat(r.stock).isEqualTo(10);
        assertThat(r.active).isTrue();
    }

    @Test
    void null_removes_an_optional_member() throws Exception {
        Reward r = reward();
        RewardPatch.read("{\"description\":null,\"stock\":null}", JSON).applyTo(r);
        assertThat(r.description).isNull();
        assertThat(r.stock).as("no stock limit: unlimited").isNull();
        assertThat(r.name).isEqualTo("Cinema voucher");
        assertThat(r.pointsCost).isEqualTo(1500);
    }

    @Test
    void null_for_a_required_member_is_refused_naming_each_field() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> RewardPatch.read("{\"name\":null,\"pointsCost\":null,\"active\":null,\"stock\":null}", JSON));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("name", "pointsCost", "active");
    }

    @Test
    void the_body_must_be_an_object_and_a_name_not_blank() {
        for (String body : new String[] {"[]", "42", "null", "", "  "}) {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> RewardPatch.read(body, JSON));
            assertThat(e.errors()).extracting(Problem.FieldError::field).as(body).containsExactly("body");
        }
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> RewardPatch.read("{\"name\":\"   \"}", JSON));
        assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("name");
    }
}
