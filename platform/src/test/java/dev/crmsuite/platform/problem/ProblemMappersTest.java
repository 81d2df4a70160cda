package dev.crmsuite.platform.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Field paths in validation problems read like the JSON the client sent. */
class ProblemMappersTest {

    record Item(@NotBlank String sku, @Min(1) int quantity) {
    }

    record Order(@NotBlank String reference, @Valid List<Item> items, Set<@Pattern(regexp = "[a-z]+") String> tags) {
    }

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void names_fields_inside_lists_by_their_index() {
        Order order = new Order("", List.of(new Item("a", 1), new Item("b", 0)), Set.of("OK"));
        Problem problem = (Problem) new ProblemMappers(new dev.crmsuite.platform.web.AllowedMethods())
                .validation(new ConstraintViolationException(validator.validate(order)), null).getEntity();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("reference", "items[1].quantity", "tags");
    }

    @Test
    void an_unsupported_media_type_names_what_is_accepted_by_the_method_rule() {
        assertThat(ProblemMappers.unsupportedMediaType("PATCH", "text/plain"))
                .isEqualTo("text/plain is not accepted here: send the request body as application/merge-patch+json (RFC 7396) or application/json");
        assertThat(ProblemMappers.unsupportedMediaType("POST", "application/xml; charset=utf-8"))
                .isEqualTo("application/xml; charset=utf-8 is not accepted here: send the request body as application/json");
        assertThat(ProblemMappers.unsupportedMediaType("PUT", null))
                .isEqualTo("a body without Content-Type is not accepted here: send the request body as application/json");
    }

    @Test
    void a_lost_lock_race_is_a_503_that_says_retry_not_an_outage() {
        for (String state : List.of("40P01", "40001", "55P03")) {
            jakarta.ws.rs.core.Response answer = new ProblemMappers(new dev.crmsuite.platform.web.AllowedMethods()).unexpected(
                    new jakarta.persistence.PessimisticLockException(new java.sql.SQLException("deadlock detected", state)), null);
            assertThat(answer.getStatus()).as(state).isEqualTo(503);
            assertThat(answer.getHeaderString("Retry-After")).isEqualTo("1");
            assertThat(((Problem) answer.getEntity()).detail()).contains("concurrent change").contains("nothing was written");
        }
        jakarta.ws.rs.core.Response outage = new ProblemMappers(new dev.crmsuite.platform.web.AllowedMethods()).unexpected(
                new RuntimeException(new java.sql.SQLException("connection refused", "08001")), null);
        assertThat(outage.getStatus()).isEqualTo(503);
        assertThat(((Problem) outage.getEntity()).detail()).contains("unreachable");
    }
}
