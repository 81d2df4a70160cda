package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.web.PartialUpdates;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Corrects what the annotations cannot say about the customer profile:
 * <ul>
 * <li>{@code attributes} is a Jackson {@code JsonNode}, which the scanner takes for an array (it is
 * Iterable). On the wire it is a JSON object with any members, so the property is typed as an object
 * that allows any member (the v1 re-release dropped its reference to a {@code JsonNode} schema that
 * listed the Java type's getters).</li>
 * <li>A tag's rule is a Java pattern with Unicode classes ({@code \p{L}}). Copied into the schema it is
 * misread by ECMAScript tools (without the u flag {@code \p} is the letter p) and, unanchored as JSON
 * Schema patterns are, it would allow any text holding one such character. The rule is given in words
 * instead; the server still enforces it (400 naming the tag).</li>
 * <li>A JSON Merge Patch (RFC 7396) is partial: a patch that only withdraws a consent is valid. The
 * merge-patch body is therefore described by {@code CustomerProfilePatch}, the profile's properties
 * with none required, derived here from {@code CustomerProfile} so the two cannot drift apart, under
 * both media types the PATCH accepts.</li>
 * <li>A history {@code Change}'s {@code oldValue}/{@code newValue} is a {@code JsonNode} holding any JSON
 * value; the scanner documents it as the (object) {@code JsonNode} schema. It is documented as any value.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class CustomerOpenApi implements OASFilter {

    static final String PROFILE = "CustomerProfile";
    static final String PATCH = "CustomerProfilePatch";
    static final String CHANGE = "Change";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null || components.getSchemas() == null) {
            return;
        }
        Schema profile = components.getSchemas().get(PROFILE);
        if (profile == null) {
            return;
        }
        Schema attributes = profile.getProperties() == null ? null : profile.getProperties().get("attributes");
        if (attributes != null) {
            // A free-form object and nothing else: no $ref to the JsonNode schema, whose bean-getter
            // properties (empty, nodeType, ...) the API never sends (dropped with the v1 re-release).
            attributes.setRef(null);
            attributes.setType(List.of(Schema.SchemaType.OBJECT));
            attributes.setItems(null);
            attributes.setProperties(null);
            attributes.setAdditionalPropertiesBoolean(Boolean.TRUE);
        }
        Schema tags = profile.getProperties() == null ? null : profile.getProperties().get("tags");
        if (tags != null && tags.getItems() != null && tags.getItems().getPattern() != null) {
            tags.getItems().setPattern(null);
            tags.getItems().setDescription("Letters, digits, space, _ : . and - only");
        }
        // Every other JsonNode property (the view's attributes, a timeline item's data) is a free-form
        // object too; then nothing refers to the JsonNode schema, and it goes.
        for (Schema schema : components.getSchemas().values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            for (Schema property : schema.getProperties().values()) {
                if (property.getRef() != null && property.getRef().endsWith("/JsonNode")) {
                    property.setRef(null);
                    property.setType(List.of(Schema.SchemaType.OBJECT));
                    property.setAdditionalPropertiesBoolean(Boolean.TRUE);
                }
            }
        }
        components.removeSchema("JsonNode");
        components.addSchema(PATCH, patchOf(profile));
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/api/v1/customers/{id}");
        if (item != null && item.getPATCH() != null && item.getPATCH().getRequestBody() != null
                && item.getPATCH().getRequestBody().getContent() != null) {
            // Both media types the PATCH accepts carry the same merge patch.
            for (String accepted : List.of(PartialUpdates.MERGE_PATCH, jakarta.ws.rs.core.MediaType.APPLICATION_JSON)) {
                MediaType patch = item.getPATCH().getRequestBody().getContent().getMediaType(accepted);
                if (patch != null) {
                    patch.setSchema(OASFactory.createSchema().ref(PATCH));
                }
            }
        }
        Schema change = components.getSchemas().get(CHANGE);
        if (change != null && change.getProperties() != null) {
            for (String value : List.of("oldValue", "newValue")) {
                Schema documented = change.getProperties().get(value);
                if (documented != null) {
                    change.addProperty(value, anyJsonValue(value));
                }
            }
        }
    }

    /**
     * A history value is the field's value as it was stored: a string, a number, a boolean, an array
     * (emails, tags), an object (address, consents) or null. A schema without {@code type} says exactly
     * that, and generated clients read it as a plain "any value" (Object in Java, any in TypeScript).
     */
    private static Schema anyJsonValue(String name) {
        return OASFactory.createSchema()
                .description(("oldValue".equals(name) ? "The value before the change" : "The value after the change")
                        + ": a JSON value of any type (string, number, boolean, array, object) or null, as the field holds it; "
                        + "null for a field that was not set (before) or was removed (after), and after erasure")
                .examples(List.of("oldValue".equals(name) ? "zhang.min" : "wang.fang"));
    }

    private static Schema patchOf(Schema profile) {
        Map<String, Schema> properties = new LinkedHashMap<>(profile.getProperties());
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("A JSON Merge Patch (RFC 7396) of CustomerProfile: every member is optional; a member present "
                        + "replaces, null removes, objects merge, lists are replaced whole.")
                .properties(properties);
    }
}
