package dev.crmsuite.platform.sql;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcStatementTest {

    @Test
    void numbered_parameters_become_positional_in_the_order_they_appear_and_a_repeated_one_is_bound_twice() {
        JdbcStatement s = JdbcStatement.of("select * from t where a = ?2 and (b = ?1 or c = ?2) limit ?10",
                List.of("one", "two", 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(s.sql()).isEqualTo("select * from t where a = ? and (b = ? or c = ?) limit ?");
        assertThat(s.params()).containsExactly("two", "one", "two", 10);
    }

    @Test
    void a_text_run_again_binds_the_new_values() {
        String sql = "select * from t where a = ?2 and b = ?1";
        JdbcStatement first = JdbcStatement.of(sql, List.of("a1", "b1"));
        JdbcStatement again = JdbcStatement.of(sql, List.of("a2", "b2"));
        assertThat(again.sql()).isEqualTo(first.sql()).isEqualTo("select * from t where a = ? and b = ?");
        assertThat(first.params()).containsExactly("b1", "a1");
        assertThat(again.params()).containsExactly("b2", "a2");
        assertThatThrownBy(() -> JdbcStatement.of(sql, List.of("only one"))).as("checked on every run, not only the first")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("?2");
    }

    @Test
    void a_null_value_is_kept_in_its_place() {
        JdbcStatement s = JdbcStatement.of("select ?1, ?2", Arrays.asList(null, "x"));
        assertThat(s.params()).containsExactly(null, "x");
    }

    @Test
    void a_parameter_without_a_value_is_refused() {
        assertThatThrownBy(() -> JdbcStatement.of("select ?3", List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("?3");
        assertThatThrownBy(() -> JdbcStatement.of("select ?0", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sql_without_parameters_is_unchanged() {
        JdbcStatement s = JdbcStatement.of("select 1 where 'a' like 'b\\\\%' escape '\\\\'", List.of());
        assertThat(s.sql()).isEqualTo("select 1 where 'a' like 'b\\\\%' escape '\\\\'");
        assertThat(s.params()).isEmpty();
    }
}
