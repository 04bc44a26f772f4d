package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.ConditionsIgnoredBlobStore;
import io.fmslake.testkit.DeletesRefusedBlobStore;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector jar against stores that misbehave: one that ignores conditional writes is refused at start with
 * one message (exit 2); one that refuses every delete (the collector's MinIO policy has no s3:DeleteObject) is
 * used normally, and the collector never tries to delete.
 */
class StoreGuardsIT {
    @TempDir
    Path work;

    private static JvmProcess start(TestBed bed, String name) {
        return JvmProcess.ofJar(EventTimeBoundsIT.JAR)
                .jvmArgs("-Xmx256m")
                .env(bed.env())
                .env("HTTP_PORT", Integer.toString(Ports.free()))
                .log(TestBed.logFile(name))
                .start();
    }

    @Test
    void aStoreThatIgnoresConditionalWritesIsRefusedAtStart() {
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(ConditionsIgnoredBlobStore::new);
                TestBed bed = new TestBed("careless", 1, work, EmbeddedKafka.shared(), s3);
                JvmProcess collector = start(bed, "careless-store")) {
            assertEquals(2, collector.awaitExit(Duration.ofSeconds(60)), collector.output());
            String out = collector.output();
            assertTrue(
                    out.contains("MINIO_ENDPOINT=" + s3.endpoint() + ": the object store http://" + s3.endpoint()
                            + " (bucket " + bed.bucket + ") does not honour conditional writes: a second create of "
                            + "_lake/probe/conditional-writes.json with If-None-Match: * was accepted"),
                    out);
            assertTrue(out.contains("MinIO RELEASE.2024-05-07T06-41-25Z or newer"), out);
            assertFalse(
                    out.contains("consuming") || out.contains("\tat "),
                    "refused before consuming, no stack trace: " + out);
        }
    }

    @Test
    void withDeletesRefusedTheCollectorWorksAndNeverDeletes() {
        AtomicReference<DeletesRefusedBlobStore> refusing = new AtomicReference<>();
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(b -> {
                    refusing.set(new DeletesRefusedBlobStore(b));
                    return refusing.get();
                });
                TestBed bed = new TestBed("no-delete", 2, work, EmbeddedKafka.shared(), s3)) {
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
            bed.produce(0, 120, minute.plusMillis(250), Duration.ofMillis(1000));
            bed.produce(1, 120, minute.plusMillis(750), Duration.ofMillis(1000));
            bed.produceRaw(1, minute.plusSeconds(10), "not json");
            try (JvmProcess collector = start(bed, "no-delete")) {
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                bed.awaitCommittedEnd(Duration.ofSeconds(60));
                assertEquals(241, lake.distinct());
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), collector.output());
            }
            try (JvmProcess collector = start(bed, "no-delete-restart")) { // the checks again, on an existing lake
                assertTrue(collector.awaitOutput("start-up checks passed", Duration.ofSeconds(60)), collector.output());
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), collector.output());
            }
            assertEquals(0, refusing.get().refused(), "the collector never sends a delete");
            assertTrue(bed.store().stat("_lake/settings.json").isPresent());
        }
    }
}
