package dev.crmsuite.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Every PATCH is a JSON Merge Patch (RFC 7396): a body holding only the members that change is valid.
 * A resource naturally documents it with the same record it creates from, whose schema requires the
 * members a create needs, so the document would refuse a valid patch (and lint its examples as
 * invalid). Here, once for every service: a PATCH body whose schema requires members is described by
 * {@code <Schema>Patch}, the same properties with none required, derived from the create schema so the
 * two cannot drift apart. Bodies whose schema requires nothing are left as they are.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE + 3)
public class MergePatchBodies implements OASFilter {

    static final String REF_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (openAPI.getPaths() == null || components == null || components.getSchemas() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Operation patch = item.getPATCH();
            if (patch == null || patch.getRequestBody() == null || patch.getRequestBody().getContent() == null) {
                continue;
            }
            for (MediaType media : patch.getRequestBody().getContent().getMediaTypes().values()) {
                Schema body = media.getSchema();
                if (body == null || body.getRef() == null || !body.getRef().startsWith(REF_PREFIX)) {
                    continue;
                }
                String name = body.getRef().substring(REF_PREFIX.length());
                Schema created = components.getSchemas().get(name);
                if (created == null || created.getRequired() == null || created.getRequired().isEmpty()) {
                    continue;
                }
                String patchName = name + "Patch";
                if (!components.getSchemas().containsKey(patchName)) {
                    components.addSchema(patchName, patchOf(name, created));
                }
                media.setSchema(OASFactory.createSchema().ref(patchName));
            }
        }
    }

    static Schema patchOf(String name, Schema created) {
        Schema patch = OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("A JSON Merge Patch (RFC 7396) of " + name + ": every member is optional; a member present "
                        + "replaces, null removes, objects merge, lists are replaced whole.")
                .properties(created.getProperties() == null ? null : new LinkedHashMap<>(created.getProperties()));
        if (created.getAdditionalPropertiesBoolean() != null) {
            patch.setAdditionalPropertiesBoolean(created.getAdditionalPropertiesBoolean());
        }
        return patch;
    }
}
