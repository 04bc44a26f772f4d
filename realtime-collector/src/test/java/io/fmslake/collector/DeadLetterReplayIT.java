package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.merge.CrashPoint;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.MergeOptions;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.Tiering;
import io.fmslake.merge.WindowLeases;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters whose minute the merger rolled up into an hour file under errors/: a replay of the whole topic (the
 * group's offsets reset to 0) finds them durable there and writes nothing, as it does for rows.
 */
class DeadLetterReplayIT {
    @TempDir
    Path work;

    @Test
    void aReplayAfterTheDeadLettersWereRolledUpWritesNothing() throws Exception {
        try (TestBed bed = new TestBed("dl-replay", 1, work)) {
            WindowCodec codec = new WindowCodec(ZoneOffset.UTC, DayOfWeek.SUNDAY);
            Instant m = Instant.now()
                    .truncatedTo(ChronoUnit.HOURS)
                    .minus(2, ChronoUnit.HOURS)
                    .plusSeconds(22 * 60);
            Window hour = codec.windowOf(Level.HOUR, m);

            try (Collector collector = bed.inProcessCollector()) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                bed.produce(0, 20, m, Duration.ofSeconds(1)); // rows 0..19
                for (int i = 0; i < 15; i++) { // dead letters 20..34
                    bed.produceRaw(0, m.plusSeconds(i < 10 ? i : 61 + i), i % 2 == 0 ? "not json " + i : "[" + i + "]");
                }
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                assertEquals(35, lake.distinct());
                assertEquals(
                        2,
                        lake.keys().stream()
                                .filter(k -> k.startsWith("errors/"))
                                .count(),
                        lake.keys().toString());
                collector.stop();
                running.get();
            }

            // the merger's hour run: rows into hour/, dead letters into errors/, each with the real engine
            MergePlanner rows = new MergePlanner(bed.store(), new Tiering(codec, Duration.ofSeconds(20)));
            WindowLeases leases = WindowLeases.of(
                    bed.store(), codec, Duration.ofSeconds(30), Duration.ofSeconds(60), Clock.systemUTC());
            MergeEngine engine = new MergeEngine(
                    bed.store(),
                    new MergeOptions(
                            work.resolve("merge"),
                            ParquetOptions.defaults("ZSTD"),
                            MergeOptions.DEFAULT_BYTE_COPY_MIN_ROW_GROUP_BYTES,
                            bed.topic),
                    Clock.systemUTC(),
                    CrashPoint.Hook.NONE);
            for (MergePlanner planner : List.of(rows, rows.forDeadLetters())) {
                try (MergeLease lease = leases.acquire(hour)) {
                    engine.execute(planner.planWindow(hour).orElseThrow(), lease);
                }
            }
            List<String> rolledUp = List.of(codec.format(hour), codec.format(LakeKey.base(hour, true)));
            assertEquals(rolledUp, bed.audit().keys());

            bed.rewindGroup(0, 0);
            try (Collector collector = bed.inProcessCollector()) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                bed.awaitCommittedEnd(Duration.ofSeconds(90));
                String metrics = CollectorIT.get(collector.httpPort(), "/metrics");
                collector.stop();
                running.get();
                assertTrue(metrics.contains("fms_collector_records_already_durable_total 35.0"), metrics);
            }
            LakeAudit.Result lake = bed.audit();
            assertTrue(lake.noDuplicates(), lake.toString());
            assertEquals(35, lake.distinct());
            assertEquals(rolledUp, lake.keys(), "the replay wrote no file");
        }
    }
}
