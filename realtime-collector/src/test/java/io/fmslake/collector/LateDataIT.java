package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late records before and after their hour was merged (the merge simulated the way the merger publishes), and a
 * full replay from offset 0 after the merge: the probe must recognise records that moved up into the hour file.
 */
class LateDataIT {
    @TempDir
    Path work;

    @Test
    void lateRecordsBeforeAndAfterAMergeAndAReplayAreEachStoredOnce() throws Exception {
        try (TestBed bed = new TestBed("late", 1, work)) {
            WindowCodec codec = new WindowCodec(ZoneOffset.UTC, DayOfWeek.SUNDAY);
            Instant m = Instant.now()
                    .truncatedTo(ChronoUnit.HOURS)
                    .minus(2, ChronoUnit.HOURS)
                    .plusSeconds(22 * 60);
            Window minute = codec.windowOf(Level.MINUTE, m);
            String base = codec.format(minute);
            String prefix = codec.prefix(minute);

            try (Collector collector = bed.inProcessCollector()) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                bed.produce(0, 100, m, Duration.ofMillis(500)); // offsets 0..99
                bed.awaitComplete(Duration.ofSeconds(60));
                assertEquals(List.of(base), bed.audit().keys());

                // late, before any merge: one batched late file named by its lowest coordinate
                bed.produce(0, 10, m.plusSeconds(1), Duration.ofSeconds(1)); // offsets 100..109
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(60));
                assertEquals(List.of(prefix + "-p0o100.parquet", base), lake.keys());
                assertTrue(CollectorIT.get(collector.httpPort(), "/metrics")
                        .contains("fms_collector_records_late_total 10.0"));

                // the merger folds the hour: hour file first, then the minute files it read are deleted
                List<String> merged =
                        HourMergeSimulator.merge(bed.store(), codec, codec.parentOf(minute, Level.HOUR), bed.topic);
                assertEquals(2, merged.size());

                // late, after the merge: the base name is free again and holds only the new records
                bed.produce(0, 5, m.plusSeconds(2), Duration.ofSeconds(1)); // offsets 110..114
                lake = bed.awaitComplete(Duration.ofSeconds(60));
                assertEquals(List.of(base, codec.format(codec.parentOf(minute, Level.HOUR))), lake.keys());
                assertEquals(115, lake.distinct());
                collector.stop();
                running.get();
            }

            // replay everything from offset 0: every record is already durable (hour file or minute file)
            bed.rewindGroup(0, 0);
            try (Collector collector = bed.inProcessCollector()) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                bed.awaitCommittedEnd(Duration.ofSeconds(60));
                String metrics = CollectorIT.get(collector.httpPort(), "/metrics");
                collector.stop();
                running.get();
                assertTrue(metrics.contains("fms_collector_records_already_durable_total 115.0"), metrics);
            }
            LakeAudit.Result lake = bed.audit();
            assertTrue(lake.noDuplicates(), lake.toString());
            assertEquals(115, lake.distinct());
            assertEquals(2, lake.keys().size(), lake.keys().stream().collect(Collectors.joining(",")));
        }
    }
}
