package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-statement overview read looks copies up by {@link OverviewPersonalFields#ID_FIELDS} found
 * anywhere in the document ({@code strict $.**.<field>}); this pins that those cover every id
 * {@link OverviewPersonalFields#objectIds} asks for, so the read's fallback look-up stays unused.
 */
class OverviewPersonalFieldsTest {

    static final String C = "7d8f1c2e-0000-4000-8000-000000000003";

    static ObjectNode documentNamingEveryKindOfItem() {
        return (ObjectNode) OverviewProjectionTest.parse("""
                {"customerId":"%s","profile":{"kind":"PERSON"},"lifecycle":{"stage":"LOST","lost":{"reason":"PRICE"}},
                 "touchpoints":{"recent":[{"touchpointId":"tp-1"},{"touchpointId":"tp-2"}]},
                 "followUps":{"next":[{"followUpId":"fu-1"}],"lastCompleted":{"followUpId":"fu-2"}},
                 "complaints":{"open":[{"complaintId":"co-1"}],"lastResolution":{"complaintId":"co-2"}}}""".formatted(C));
    }

    @Test
    void the_id_fields_cover_every_object_id_the_overview_shows_but_the_customers_own() {
        ObjectNode doc = documentNamingEveryKindOfItem();
        Set<String> found = new HashSet<>(Set.of(C));
        for (String field : OverviewPersonalFields.ID_FIELDS) {
            doc.findValues(field).stream().filter(JsonNode::isTextual).map(JsonNode::asText).forEach(found::add);
        }

        assertThat(OverviewPersonalFields.objectIds(doc))
                .containsExactlyInAnyOrder(C, "tp-1", "tp-2", "fu-1", "fu-2", "co-1", "co-2");
        assertThat(found).containsAll(OverviewPersonalFields.objectIds(doc));
    }

    @Test
    void the_sql_reads_each_id_field_anywhere_in_the_document() {
        String sql = OverviewPersonalFields.idsSql("o.document");

        for (String field : OverviewPersonalFields.ID_FIELDS) {
            assertThat(sql).contains("jsonb_path_query(o.document, 'strict $.**." + field + "') #>> '{}'");
        }
        assertThat(sql.split(" union ")).hasSize(OverviewPersonalFields.ID_FIELDS.size());
    }

    @Test
    void an_erased_customers_document_names_nothing() {
        ObjectNode doc = documentNamingEveryKindOfItem();
        doc.put("erased", true);

        assertThat(OverviewPersonalFields.objectIds(doc)).isEmpty();
    }
}
