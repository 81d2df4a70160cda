package dev.crmsuite.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetDateTimeTextTest {

    record Times(OffsetDateTime at, List<OffsetDateTime> all, Map<String, OffsetDateTime> byName,
                 @JsonFormat(pattern = "yyyy-MM-dd HH:mm") OffsetDateTime patterned) {
    }

    /**
     * A mapper with a time zone of its own (quarkus.jackson.timezone other than UTC): instants are
     * written in that zone. The java.time module first, then the customizer's, as Quarkus orders them.
     */
    private static ObjectMapper zonedMapper(boolean withText, String zone) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setTimeZone(TimeZone.getTimeZone(zone));
        return withText ? mapper.registerModule(OffsetDateTimeText.module()) : mapper;
    }

    /** The REST mapper as Quarkus builds it for UTC (the default): no zone of its own, the value's offset is kept. */
    private static ObjectMapper zonelessMapper(boolean withText) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return withText ? mapper.registerModule(OffsetDateTimeText.module()) : mapper;
    }

    private static List<OffsetDateTime> samples() {
        List<OffsetDateTime> all = new ArrayList<>(List.of(
                OffsetDateTime.of(2026, 12, 5, 9, 30, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 12, 5, 9, 30, 0, 120_000_000, ZoneOffset.ofHours(1)),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1, ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15)),
                OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 999_999_999, ZoneOffset.ofHoursMinutes(5, 45)),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 100_000, ZoneOffset.ofHours(-1)), // past 9999 in UTC
                OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-1, 6, 15, 12, 0, 0, 5_000_000, ZoneOffset.MAX),
                OffsetDateTime.of(-12_345, 6, 15, 12, 0, 0, 0, ZoneOffset.MIN),
                OffsetDateTime.of(LocalDateTime.MAX, ZoneOffset.MAX),
                OffsetDateTime.of(LocalDateTime.MIN, ZoneOffset.MIN)));
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-4_000_000_000_000L, 4_000_000_000_000L) >> random.nextInt(20);
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
            all.add(OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nano), offset));
        }
        return all;
    }

    @Test
    void the_text_is_jacksons_for_every_value() throws Exception {
        for (String zone : new String[] {null, "UTC", "Europe/Berlin", "Asia/Kathmandu"}) {
            ObjectMapper jackson = zone == null ? zonelessMapper(false) : zonedMapper(false, zone);
            ObjectMapper ours = zone == null ? zonelessMapper(true) : zonedMapper(true, zone);
            for (OffsetDateTime t : samples()) {
                Times times = new Times(t, List.of(t, t), Map.of("a", t), t.getYear() > 0 && t.getYear() < 9999 ? t : null);
                assertThat(ours.writeValueAsString(times)).as("%s (mapper's zone: %s)", t, zone).isEqualTo(jackson.writeValueAsString(times));
                assertThat(ours.writeValueAsString(t)).isEqualTo(jackson.writeValueAsString(t));
            }
        }
    }

    @Test
    void a_zoned_mapper_writes_the_instant_in_its_zone_and_a_zoneless_one_keeps_the_offset() throws Exception {
        OffsetDateTime t = OffsetDateTime.of(2026, 12, 5, 10, 30, 0, 250_000_000, ZoneOffset.ofHours(1));
        assertThat(zonedMapper(true, "UTC").writeValueAsString(t)).isEqualTo("\"2026-12-05T09:30:00.25Z\"");
        assertThat(zonelessMapper(true).writeValueAsString(t)).isEqualTo("\"2026-12-05T10:30:00.25+01:00\"");
        assertThat(OffsetDateTimeText.format(t, null)).isEqualTo("2026-12-05T10:30:00.25+01:00");
    }

    @Test
    void the_customizer_comes_after_the_java_time_module() {
        // Quarkus' generated customizer registers JavaTimeModule at MINIMUM_PRIORITY + 100; customizers run highest first
        assertThat(new JsonAccessors().priority()).isLessThan(io.quarkus.jackson.ObjectMapperCustomizer.MINIMUM_PRIORITY + 100);
    }

    @Test
    void the_module_writes_plain_properties_and_jackson_keeps_a_pattern() throws Exception {
        ObjectMapper mapper = zonelessMapper(true);
        var provider = mapper.getSerializerProviderInstance();
        assertThat(provider.findValueSerializer(OffsetDateTime.class)).isInstanceOf(OffsetDateTimeText.Serializer.class);
        var plain = mapper.getSerializationConfig().introspect(mapper.constructType(Times.class)).findProperties().stream()
                .filter(p -> p.getName().equals("at")).findFirst().orElseThrow();
        var patterned = mapper.getSerializationConfig().introspect(mapper.constructType(Times.class)).findProperties().stream()
                .filter(p -> p.getName().equals("patterned")).findFirst().orElseThrow();
        var forPlain = provider.findValueSerializer(OffsetDateTime.class,
                new com.fasterxml.jackson.databind.BeanProperty.Std(plain.getFullName(), plain.getPrimaryType(), null, plain.getAccessor(), plain.getMetadata()));
        var forPattern = provider.findValueSerializer(OffsetDateTime.class,
                new com.fasterxml.jackson.databind.BeanProperty.Std(patterned.getFullName(), patterned.getPrimaryType(), null, patterned.getAccessor(), patterned.getMetadata()));
        assertThat(forPlain).isInstanceOf(OffsetDateTimeText.Serializer.class);
        assertThat(forPattern).isNotInstanceOf(OffsetDateTimeText.Serializer.class);
        assertThat(mapper.writeValueAsString(new Times(null, List.of(), Map.of(), OffsetDateTime.of(2026, 12, 5, 9, 30, 0, 0, ZoneOffset.UTC))))
                .contains("\"patterned\":\"2026-12-05 09:30\"");
    }
}
