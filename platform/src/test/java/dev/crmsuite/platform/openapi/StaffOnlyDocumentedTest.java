package dev.crmsuite.platform.openapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaffOnlyDocumentedTest {

    @Test
    void joins_class_and_method_paths_as_the_document_spells_them() {
        assertThat(StaffOnlyDocumented.join("/api/v1/customers", "/{id}/merge")).isEqualTo("/api/v1/customers/{id}/merge");
        assertThat(StaffOnlyDocumented.join("api/v1/customers/", "")).isEqualTo("/api/v1/customers");
        assertThat(StaffOnlyDocumented.join("/api/v1/complaints", "{id: [0-9]+}/tags/{ tag }")).isEqualTo("/api/v1/complaints/{id}/tags/{ tag }");
    }
}
