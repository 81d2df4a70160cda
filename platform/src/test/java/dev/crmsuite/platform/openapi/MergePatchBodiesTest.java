package dev.crmsuite.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchBodiesTest {

    private static OpenAPI document(Schema input) {
        return OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSchema("CampaignInput", input))
                .paths(OASFactory.createPaths().addPathItem("/api/v1/campaigns/{id}", OASFactory.createPathItem()
                        .PATCH(OASFactory.createOperation().requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                                .addMediaType("application/merge-patch+json", OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("CampaignInput")))
                                .addMediaType("application/json", OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("CampaignInput"))))))
                        .POST(OASFactory.createOperation().requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                                .addMediaType("application/json", OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("CampaignInput"))))))));
    }

    private static Schema input(List<String> required) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).required(required)
                .addProperty("name", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("subject", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }

    @Test
    void aPatchBodyWithRequiredMembersIsDescribedByItsPatchSchema() {
        OpenAPI doc = document(input(List.of("name", "subject")));
        new MergePatchBodies().filterOpenAPI(doc);
        Schema patch = doc.getComponents().getSchemas().get("CampaignInputPatch");
        assertThat(patch).isNotNull();
        assertThat(patch.getRequired()).isNullOrEmpty();
        assertThat(patch.getProperties()).containsOnlyKeys("name", "subject");
        var item = doc.getPaths().getPathItem("/api/v1/campaigns/{id}");
        item.getPATCH().getRequestBody().getContent().getMediaTypes().values()
                .forEach(m -> assertThat(m.getSchema().getRef()).isEqualTo("#/components/schemas/CampaignInputPatch"));
        // The create keeps what it requires.
        assertThat(item.getPOST().getRequestBody().getContent().getMediaType("application/json").getSchema().getRef())
                .isEqualTo("#/components/schemas/CampaignInput");
        assertThat(doc.getComponents().getSchemas().get("CampaignInput").getRequired()).containsExactly("name", "subject");
    }

    @Test
    void aBodyThatRequiresNothingIsLeftAlone() {
        OpenAPI doc = document(input(null));
        new MergePatchBodies().filterOpenAPI(doc);
        assertThat(doc.getComponents().getSchemas()).doesNotContainKey("CampaignInputPatch");
        assertThat(doc.getPaths().getPathItem("/api/v1/campaigns/{id}").getPATCH().getRequestBody().getContent()
                .getMediaType("application/json").getSchema().getRef()).isEqualTo("#/components/schemas/CampaignInput");
    }
}
