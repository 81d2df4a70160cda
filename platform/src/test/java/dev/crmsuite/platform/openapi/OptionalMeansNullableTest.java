package dev.crmsuite.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Optional properties are documented as nullable, required ones are not, wherever the schema sits. */
class OptionalMeansNullableTest {

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(SchemaType.STRING));
    }

    private static OpenAPI document(Map<String, Schema> schemas) {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents().schemas(schemas));
    }

    @Test
    void optional_typed_properties_get_null_in_their_type_and_enum_required_ones_do_not() {
        Schema customer = OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .addProperty("name", string())
                .addProperty("givenName", string().description("Given name").examples(List.of("Wei")))
                .addProperty("kind", string().enumeration(List.of("PERSON", "COMPANY")))
                .addProperty("note", OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.NULL)))
                .required(List.of("name"));
        new OptionalMeansNullable().filterOpenAPI(document(Map.of("Customer", customer)));

        Map<String, Schema> p = customer.getProperties();
        assertThat(p.get("name").getType()).containsExactly(SchemaType.STRING);
        assertThat(p.get("givenName").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
        assertThat(p.get("givenName").getDescription()).isEqualTo("Given name");
        assertThat(p.get("kind").getEnumeration()).containsExactly("PERSON", "COMPANY", null);
        assertThat(p.get("note").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
    }

    @Test
    void an_optional_reference_becomes_any_of_the_reference_or_null_with_its_documentation_outside() {
        Schema complaint = OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .addProperty("closedAt", OASFactory.createSchema().ref("OffsetDateTime").type(List.of(SchemaType.STRING))
                        .description("When it was closed").examples(List.of("2026-01-01T00:00:00Z")));
        new OptionalMeansNullable().filterOpenAPI(document(Map.of("Complaint", complaint)));

        Schema closedAt = complaint.getProperties().get("closedAt");
        assertThat(closedAt.getRef()).isNull();
        assertThat(closedAt.getType()).isNull();
        assertThat(closedAt.getDescription()).isEqualTo("When it was closed");
        assertThat(closedAt.getExamples()).containsExactly("2026-01-01T00:00:00Z");
        assertThat(closedAt.getAnyOf()).hasSize(2);
        assertThat(closedAt.getAnyOf().get(0).getRef()).isEqualTo("#/components/schemas/OffsetDateTime");
        assertThat(closedAt.getAnyOf().get(0).getType()).isNull();
        assertThat(closedAt.getAnyOf().get(0).getDescription()).isNull();
        assertThat(closedAt.getAnyOf().get(1).getType()).containsExactly(SchemaType.NULL);
    }

    @Test
    void an_optional_choice_of_schemas_gets_null_as_one_more_branch() {
        Schema run = OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .addProperty("result", OASFactory.createSchema().description("The measures")
                        .anyOf(List.of(OASFactory.createSchema().ref("RiskBacktest"), OASFactory.createSchema().ref("SuggestionBacktest"))))
                .addProperty("either", OASFactory.createSchema().oneOf(List.of(string(), OASFactory.createSchema().ref("Money"))))
                .addProperty("already", OASFactory.createSchema().anyOf(List.of(string(),
                        OASFactory.createSchema().type(List.of(SchemaType.NULL)))));
        assertThat(OptionalMeansNullable.allowsNull(run.getProperties().get("result"))).isFalse();
        new OptionalMeansNullable().filterOpenAPI(document(Map.of("BacktestRun", run)));

        Schema result = run.getProperties().get("result");
        assertThat(result.getDescription()).isEqualTo("The measures");
        assertThat(result.getAnyOf()).hasSize(3);
        assertThat(result.getAnyOf().get(0).getRef()).isEqualTo("#/components/schemas/RiskBacktest");
        assertThat(result.getAnyOf().get(2).getType()).containsExactly(SchemaType.NULL);
        assertThat(run.getProperties().get("either").getOneOf()).hasSize(3);
        assertThat(run.getProperties().get("either").getOneOf().get(2).getType()).containsExactly(SchemaType.NULL);
        assertThat(run.getProperties().get("already").getAnyOf()).hasSize(2);
    }

    @Test
    void a_property_schema_shared_with_a_schema_that_requires_it_stays_non_null_there() {
        Schema name = string();
        Map<String, Schema> profileProperties = new LinkedHashMap<>();
        profileProperties.put("name", name);
        Schema profile = OASFactory.createSchema().type(List.of(SchemaType.OBJECT)).properties(profileProperties)
                .required(List.of("name"));
        Schema patch = OASFactory.createSchema().type(List.of(SchemaType.OBJECT)).properties(new LinkedHashMap<>(profileProperties));
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("CustomerProfile", profile);
        schemas.put("CustomerProfilePatch", patch);
        new OptionalMeansNullable().filterOpenAPI(document(schemas));

        assertThat(profile.getProperties().get("name").getType()).containsExactly(SchemaType.STRING);
        assertThat(patch.getProperties().get("name").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
    }

    @Test
    void properties_of_inline_schemas_in_bodies_and_list_items_are_covered() {
        Schema item = OASFactory.createSchema().type(List.of(SchemaType.OBJECT)).addProperty("closedAt", string());
        Schema page = OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .addProperty("items", OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(item))
                .addProperty("nextCursor", string())
                .required(List.of("items"));
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/v1/things",
                OASFactory.createPathItem().GET(OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("A page")
                                .content(OASFactory.createContent().addMediaType("application/json",
                                        OASFactory.createMediaType().schema(page))))))));
        new OptionalMeansNullable().filterOpenAPI(openAPI);

        assertThat(page.getProperties().get("items").getType()).containsExactly(SchemaType.ARRAY);
        assertThat(page.getProperties().get("nextCursor").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
        assertThat(page.getProperties().get("items").getItems().getProperties().get("closedAt").getType())
                .containsExactlyElementsOf(Arrays.asList(SchemaType.STRING, SchemaType.NULL));
    }
}
