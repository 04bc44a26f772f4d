package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.row.JsonObject;
import io.fmslake.testkit.EmbeddedS3;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Files whose schemas differ merge into one schema: new fields, long widened to double, conflicts kept as text. */
class SchemaEvolutionIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    @Test
    void mergedSchemaIsTheUnionAndDuckDbReadsTheSameValues() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "schema")) {
            lake.write(
                    lake.minuteKey(H10, null),
                    0,
                    0,
                    2,
                    H10,
                    1000,
                    o -> new JsonObject(new String[] {"fuel", "speed"}, new Object[] {10L + o, 12L}));
            lake.write(
                    lake.minuteKey(H10.plusSeconds(60), null),
                    0,
                    2,
                    4,
                    H10.plusSeconds(60),
                    1000,
                    o -> new JsonObject(new String[] {"driver", "fuel", "speed"}, new Object[] {"kim", 10.5, 12.5}));
            lake.write(
                    lake.minuteKey(H10.plusSeconds(120), null),
                    0,
                    4,
                    6,
                    H10.plusSeconds(120),
                    1000,
                    o -> new JsonObject(new String[] {"fuel", "speed"}, new Object[] {11L, "fast"}));
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T11:01:00Z"));
            assertEquals(List.of("hour/20250612_10_11.parquet"), lake.tierKeys());

            String types = lake
                    .query("SELECT column_name || ':' || column_type FROM (DESCRIBE SELECT driver, fuel, "
                            + "speed FROM LAKE)")
                    .stream()
                    .map(r -> (String) r.get(0))
                    .collect(Collectors.joining(","));
            assertEquals("driver:VARCHAR,fuel:DOUBLE,speed:VARCHAR", types);
            List<List<Object>> rows =
                    lake.query("SELECT _kafka_offset, driver, fuel, speed FROM LAKE ORDER BY _kafka_offset");
            assertEquals(6, rows.size());
            assertEquals(
                    List.of(0L, "10.0", "12"),
                    List.of(
                            rows.get(0).get(0),
                            String.valueOf(rows.get(0).get(2)),
                            rows.get(0).get(3)));
            assertEquals(null, rows.get(0).get(1));
            assertEquals(List.of("kim", 10.5, "12.5"), rows.get(2).subList(1, 4));
            assertEquals(List.of(11.0, "fast"), rows.get(5).subList(2, 4));
        }
    }
}
