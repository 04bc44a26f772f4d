package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Late files: before their window is merged, and after (into the existing hour, day and week). */
class LateDataIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    private static void assertExactlyOnce(LakeFixture lake, long rows) {
        long[] counts = lake.counts();
        assertEquals(rows, counts[0], "rows");
        assertEquals(rows, counts[1], "distinct (partition, offset)");
    }

    @Test
    void aLateFileBeforeTheMergeIsMergedWithItsWindow() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "late-before")) {
            lake.write(lake.minuteKey(H10, null), 0, 0, 100, H10, 500);
            // a replaying collector wrote part of the same minute again, plus new records, under a suffixed name
            lake.write(lake.minuteKey(H10, "p0o80"), 0, 80, 120, H10.plusSeconds(40), 500);
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T11:01:00Z"));
            assertEquals(List.of("hour/20250612_10_11.parquet"), lake.tierKeys());
            assertTrue(lake.output().contains("120 rows, 20 duplicates dropped"), lake.output());
            assertExactlyOnce(lake, 120);
        }
    }

    @Test
    void lateFilesAfterTheMergeGoIntoTheCoarsestExistingTargetByThatLevelsRun() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "late-after")) {
            lake.write(lake.minuteKey(H10, null), 0, 0, 100, H10, 500);
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T11:01:00Z"));

            // late minute inside the merged hour: the next hour run folds it into the hour
            lake.write(lake.minuteKey(H10.plusSeconds(1800), "p1o0"), 1, 0, 10, H10.plusSeconds(1800), 1000);
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T12:01:00Z"));
            assertEquals(List.of("hour/20250612_10_11.parquet"), lake.tierKeys());
            assertExactlyOnce(lake, 110);

            // the day is merged; a late minute inside it is left alone by the hour run, folded in by the day run
            assertEquals(0, lake.run("day", "--now", "2025-06-13T00:05:00Z"));
            lake.write(lake.minuteKey(H10.plusSeconds(2400), "p1o10"), 1, 10, 15, H10.plusSeconds(2400), 1000);
            assertEquals(0, lake.run("hour", "--now", "2025-06-13T01:01:00Z"));
            assertEquals(List.of("minute/20250612_1040-p1o10.parquet", "day/20250612.parquet"), lake.tierKeys());
            assertExactlyOnce(lake, 115);
            assertEquals(0, lake.run("day", "--now", "2025-06-14T00:05:00Z"));
            assertEquals(List.of("day/20250612.parquet"), lake.tierKeys());
            assertExactlyOnce(lake, 115);

            // the week is merged; a late minute and a late hour inside it wait for the week run
            assertEquals(0, lake.run("week", "--now", "2025-06-16T00:10:00Z"));
            lake.write(lake.minuteKey(H10.plusSeconds(3000), "p2o0"), 2, 0, 7, H10.plusSeconds(3000), 1000);
            lake.write("hour/20250610_05_06.parquet", 2, 7, 20, Instant.parse("2025-06-10T05:00:00Z"), 1000);
            assertEquals(0, lake.run("hour", "--now", "2025-06-16T01:01:00Z"));
            assertEquals(0, lake.run("day", "--now", "2025-06-17T00:05:00Z"));
            assertEquals(3, lake.tierKeys().size());
            assertEquals(0, lake.run("week", "--now", "2025-06-23T00:10:00Z"));
            assertEquals(List.of("week/20250608_20250614.parquet"), lake.tierKeys());
            assertExactlyOnce(lake, 135);
        }
    }
}
