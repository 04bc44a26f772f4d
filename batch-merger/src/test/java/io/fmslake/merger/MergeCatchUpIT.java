package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.Row;
import io.fmslake.testkit.EmbeddedS3;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catch-up on the embedded S3 server: minute to hour, minute to day directly, hour to day, day to week. */
class MergeCatchUpIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    /** Writes {@code files} minute files from {@code start}, {@code rows} rows each, partition 0, offsets from {@code first}. */
    private static List<Row> minutes(LakeFixture lake, Instant start, int files, int rows, long first) {
        List<Row> all = new ArrayList<>();
        for (int m = 0; m < files; m++) {
            Instant t = start.plusSeconds(60L * m);
            long from = first + (long) m * rows;
            all.addAll(lake.write(lake.minuteKey(t, null), 0, from, from + rows, t, 60_000 / rows));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void assertSameRows(LakeFixture lake, List<Row> expected) {
        List<List<Object>> got = lake.query("SELECT _kafka_partition, _kafka_offset, speed, vehicle_id, position.lat, "
                + "epoch_ms(_event_time), _kafka_key, CAST(alerts AS VARCHAR) FROM LAKE "
                + "ORDER BY _kafka_partition, _kafka_offset");
        List<Row> want = new ArrayList<>(expected);
        want.sort(Comparator.comparingInt(Row::partition).thenComparingLong(Row::offset));
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            Row w = want.get(i);
            List<Object> g = got.get(i);
            assertEquals(w.partition(), ((Number) g.get(0)).intValue());
            assertEquals(w.offset(), ((Number) g.get(1)).longValue());
            assertEquals(w.payload().get("speed"), ((Number) g.get(2)).doubleValue());
            assertEquals(w.payload().get("vehicle_id"), g.get(3));
            assertEquals(
                    ((io.fmslake.row.JsonObject) w.payload().get("position")).get("lat"),
                    ((Number) g.get(4)).doubleValue());
            assertEquals(w.eventTime(), ((Number) g.get(5)).longValue());
            assertEquals(w.key(), g.get(6));
            List<String> alerts = (List<String>) w.payload().get("alerts");
            assertEquals("[" + String.join(", ", alerts) + "]", g.get(7));
        }
    }

    @Test
    void hourRunCatchesUpEveryClosedHourAndLeavesTheOpenOne() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "catchup-hour")) {
            List<Row> rows = new ArrayList<>(minutes(lake, H10, 5, 200, 0));
            rows.addAll(minutes(lake, H10.plusSeconds(3600), 3, 200, 1000));
            rows.addAll(minutes(lake, H10.plusSeconds(2 * 3600 + 30 * 60), 1, 200, 1600));
            List<String> before = lake.tierKeys();

            assertEquals(0, lake.run("hour", "--now", "2025-06-12T12:31:00Z", "--dry-run"));
            assertEquals(before, lake.tierKeys(), "a dry run changes nothing");
            assertTrue(
                    lake.output()
                            .contains("target hour/20250612_10_11.parquet (new): 5 inputs, 1000 rows read, "
                                    + "0 duplicates, 1000 rows expected"),
                    lake.output());
            assertTrue(lake.output().contains("input minute/20250612_1000.parquet: 200 rows"), lake.output());
            assertTrue(lake.output().contains("skipped hour 2025-06-12T12:00: open until"), lake.output());

            assertEquals(0, lake.run("hour", "--now", "2025-06-12T12:31:00Z"));
            assertEquals(
                    List.of(
                            "minute/20250612_1230.parquet",
                            "hour/20250612_10_11.parquet",
                            "hour/20250612_11_12.parquet"),
                    lake.tierKeys());
            assertSameRows(lake, rows);

            assertEquals(0, lake.run("hour", "--now", "2025-06-12T12:31:00Z"));
            assertEquals(3, lake.tierKeys().size(), "a rerun has nothing to do");
        }
    }

    @Test
    void dayRunMergesMinuteFilesDirectlyWhenHourMergesNeverRan() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "catchup-day")) {
            List<Row> rows = new ArrayList<>(minutes(lake, H10, 3, 100, 0));
            rows.addAll(minutes(lake, H10.plusSeconds(13 * 3600 + 58 * 60), 2, 100, 300));
            rows.addAll(minutes(lake, Instant.parse("2025-06-13T00:01:00Z"), 1, 100, 500));
            assertEquals(0, lake.run("day", "--now", "2025-06-13T00:05:00Z"));
            assertEquals(List.of("minute/20250613_0001.parquet", "day/20250612.parquet"), lake.tierKeys());
            assertSameRows(lake, rows);
        }
    }

    @Test
    void hoursBecomeDaysAndDaysBecomeAWeek() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "catchup-week")) {
            List<Row> rows = new ArrayList<>();
            long offset = 0;
            // Sunday 06-01, Tuesday 06-03 and Saturday 06-07: two hours of 3 minutes each per day
            for (String day : new String[] {"2025-06-01", "2025-06-03", "2025-06-07"}) {
                for (String hour : new String[] {"T08:00:00Z", "T23:57:00Z"}) {
                    rows.addAll(minutes(lake, Instant.parse(day + hour), 3, 150, offset));
                    offset += 450;
                }
            }
            assertEquals(0, lake.run("hour", "--now", "2025-06-08T00:01:00Z"));
            assertEquals(6, lake.tierKeys().size());
            assertTrue(
                    lake.tierKeys().stream().allMatch(k -> k.startsWith("hour/")),
                    lake.tierKeys().toString());
            assertEquals(0, lake.run("day", "--now", "2025-06-08T00:05:00Z"));
            assertEquals(
                    List.of("day/20250601.parquet", "day/20250603.parquet", "day/20250607.parquet"), lake.tierKeys());
            assertEquals(0, lake.run("week", "--now", "2025-06-09T00:10:00Z", "--window", "2025-06-01"));
            assertEquals(List.of("week/20250601_20250607.parquet"), lake.tierKeys());
            assertSameRows(lake, rows);
            long[] counts = lake.counts();
            assertEquals(rows.size(), counts[0]);
            assertEquals(rows.size(), counts[1]);
        }
    }

    @Test
    void anOpenWindowIsRefusedAndABadWindowIsAUsageError() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "catchup-open")) {
            minutes(lake, H10, 1, 10, 0);
            assertEquals(2, lake.run("hour", "--now", "2025-06-12T10:30:00Z", "--window", "2025-06-12T10:00"));
            assertEquals(2, lake.run("day", "--now", "2025-06-13T10:30:00Z", "--window", "12/06/2025"));
            assertEquals(List.of("minute/20250612_1000.parquet"), lake.tierKeys());
        }
    }
}
