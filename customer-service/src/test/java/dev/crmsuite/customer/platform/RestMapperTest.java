package dev.crmsuite.customer.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST mapper as Quarkus builds it, with the platform's customizer (JsonAccessors): its own
 * serializers win over the java.time module's, which Quarkus registers in a customizer of its own.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RestMapperTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void timestamps_are_written_by_the_platform_and_uuids_read_strictly() throws Exception {
        assertThat(mapper.getSerializerProviderInstance().findValueSerializer(OffsetDateTime.class).getClass().getName())
                .isEqualTo("dev.crmsuite.platform.web.OffsetDateTimeText$Serializer");
        assertThat(mapper.writeValueAsString(OffsetDateTime.of(2026, 12, 5, 9, 30, 0, 120_000_000, ZoneOffset.UTC)))
                .isEqualTo("\"2026-12-05T09:30:00.12Z\"");
        UUID id = UUID.randomUUID();
        assertThat(mapper.readValue("\"" + id + "\"", UUID.class)).isEqualTo(id);
        assertThatThrownBy(() -> mapper.readValue("\" " + id + "\"", UUID.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
    }
}
