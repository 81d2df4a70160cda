package dev.crmsuite.platform.web;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedMethodsTest {

    @Path("/api/v1/things")
    public static class Things {
        @GET
        public String list() {
            return "";
        }

        @POST
        public String create() {
            return "";
        }

        @GET
        @Path("{id}")
        public String one() {
            return "";
        }

        @PATCH
        @Path("/{id}/")
        public String edit() {
            return "";
        }

        @DELETE
        @Path("{id}")
        public void delete() {
        }

        @POST
        @Path("{id}/archive")
        public void archive() {
        }

        @GET
        @Path("by-code/{code: [A-Z]{3}}")
        public String byCode() {
            return "";
        }

        @Path("sub")
        public Object locator() {
            return null;
        }
    }

    @Path("api/v1/things/")
    public static class MoreThings {
        @GET
        @Path("stats")
        public String stats() {
            return "";
        }
    }

    final List<AllowedMethods.Route> routes = AllowedMethods.routes(List.of(Things.class, MoreThings.class));

    @Test
    void a_path_is_allowed_every_method_of_its_operations_in_one_order() {
        assertThat(AllowedMethods.allow(routes, "/api/v1/things")).contains("GET, HEAD, POST");
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/")).contains("GET, HEAD, POST");
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/42")).contains("GET, HEAD, PATCH, DELETE");
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/42/archive")).contains("POST");
    }

    @Test
    void a_literal_segment_and_a_parameter_both_match_and_add_up() {
        // "stats" is also a value of {id}: a request to it may be either operation.
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/stats")).contains("GET, HEAD, PATCH, DELETE");
    }

    @Test
    void a_parameter_with_a_regex_matches_only_what_it_allows() {
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/by-code/ABC")).contains("GET, HEAD");
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/by-code/abcd")).isEqualTo(Optional.empty());
    }

    @Test
    void an_unknown_path_or_a_locator_has_none() {
        assertThat(AllowedMethods.allow(routes, "/api/v1/other")).isEmpty();
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/sub")).as("a locator answers through its own resource")
                .contains("GET, HEAD, PATCH, DELETE");
        assertThat(AllowedMethods.allow(routes, "/api/v1/things/1/2/3")).isEmpty();
    }

    @Test
    void class_and_method_paths_join_on_one_slash() {
        assertThat(AllowedMethods.join("api/v1/things/", "/{id}/")).isEqualTo("/api/v1/things/{id}");
        assertThat(AllowedMethods.join("/", "")).isEqualTo("/");
    }
}
