package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.DeadLetterReasons;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record dated in year 9999 among normal ones, through the collector jar: it becomes a dead letter
 * ({@code event_time_too_far_ahead}) instead of a row in a minute that never closes, so the normal minutes are
 * written and the group commits the end of the partition; the metric counts it by reason; a full replay (the
 * group's offsets reset to 0 while the collector is stopped) decides the same and adds nothing.
 */
class EventTimeBoundsIT {
    static final Path JAR = Path.of("target", "realtime-collector.jar");

    @TempDir
    Path work;

    @Test
    void aRecordDatedInYear9999IsADeadLetterAndDoesNotPinTheCommit() throws Exception {
        try (TestBed bed = new TestBed("bounds", 1, work)) {
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.MINUTES);
            bed.produce(0, 100, minute.plusMillis(300), Duration.ofMillis(600)); // offsets 0..99
            bed.produceRaw(
                    0,
                    minute.plusSeconds(61),
                    new String(
                            FmsRecords.json(
                                    100, // offset 100
                                    Instant.parse("9999-01-01T00:00:00Z")),
                            java.nio.charset.StandardCharsets.UTF_8));
            bed.produce(0, 100, minute.plusSeconds(60).plusMillis(300), Duration.ofMillis(600)); // offsets 101..200

            int port = Ports.free();
            try (JvmProcess collector = start(bed, port, "bounds-first")) {
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                bed.awaitCommittedEnd(Duration.ofSeconds(60));
                assertEquals(201, lake.distinct());
                assertEquals(Map.of(100L, List.of("event_time_too_far_ahead")), DeadLetterReasons.of(bed.store(), 0));
                String metrics = CollectorIT.get(port, "/metrics");
                assertTrue(
                        metrics.contains(
                                "fms_collector_records_dead_lettered_total{reason=\"event_time_too_far_ahead\"} 1.0"),
                        metrics);
                assertTrue(metrics.contains("fms_collector_records_dead_lettered_total{reason=\"not_json\"} 0.0"));
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), collector.output());
            }
            List<String> keys = bed.audit().keys();

            bed.rewindGroup(0, 0); // replay everything: the lake must decide the same
            try (JvmProcess collector = start(bed, port, "bounds-replay")) {
                bed.awaitCommittedEnd(Duration.ofSeconds(90));
                String metrics = CollectorIT.get(port, "/metrics");
                assertTrue(metrics.contains("fms_collector_records_already_durable_total 201.0"), metrics);
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), collector.output());
            }
            LakeAudit.Result lake = bed.audit();
            assertTrue(lake.noDuplicates(), lake.toString());
            assertEquals(201, lake.distinct());
            assertEquals(keys, lake.keys(), "the replay wrote no file");
            assertEquals(Map.of(100L, List.of("event_time_too_far_ahead")), DeadLetterReasons.of(bed.store(), 0));
        }
    }

    private static JvmProcess start(TestBed bed, int port, String name) {
        return JvmProcess.ofJar(JAR)
                .jvmArgs("-Xmx256m")
                .env(bed.env())
                .env("HTTP_PORT", Integer.toString(port))
                .log(TestBed.logFile(name))
                .start();
    }
}
