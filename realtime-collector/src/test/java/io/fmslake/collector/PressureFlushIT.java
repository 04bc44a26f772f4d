package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.StoredObject;
import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Mode;
import io.fmslake.testkit.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backlog written under memory pressure: 120,000 records over three minutes in four partitions, a 2 MiB buffer
 * cap, so every minute is written in many parts. The collector's S3 traffic passes a counting proxy. The collector
 * is killed (kill -9) after some parts and restarted: the restart replays what was not committed. Each process reads
 * the footer of each file at most once (its own files never), so footer reads stay within twice the files, where
 * probing every other file of the minute at every flush costs the square of the parts per minute. The lake holds
 * every record exactly once, counted by coordinates.
 */
class PressureFlushIT {
    private static final Logger LOG = LoggerFactory.getLogger(PressureFlushIT.class);
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 30_000;

    @TempDir
    Path work;

    @Test
    void flushesUnderPressureReadEachFooterOncePerProcessAndTheLakeHoldsEveryRecordOnce() {
        try (TestBed bed = new TestBed("pressure", PARTITIONS, work)) {
            Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES);
            for (int p = 0; p < PARTITIONS; p++) {
                bed.produce(p, PER_PARTITION, first.plusMillis(p), Duration.ofMillis(6)); // 180 s: three minutes
            }
            StoreRequests before = new StoreRequests(bed.bucket);
            int filesBeforeKill;
            try (BlackholeProxy proxy = BlackholeProxy.to(bed.s3.endpoint(), Mode.FORWARD);
                    JvmProcess collector = start(bed, proxy, before, "pressure-killed")) {
                assertTrue(
                        StoreFaultsIT.await(
                                Duration.ofMinutes(3), () -> files(bed).size() >= 8),
                        "parts written; log " + collector.log());
                collector.kill();
                collector.awaitExit(Duration.ofSeconds(30));
                filesBeforeKill = files(bed).size();
                LOG.info("killed after {} files; {}", filesBeforeKill, before);
                assertTrue(collector.output().contains("reason=pressure"), "under pressure; log " + collector.log());
            }
            StoreRequests after = new StoreRequests(bed.bucket);
            try (BlackholeProxy proxy = BlackholeProxy.to(bed.s3.endpoint(), Mode.FORWARD);
                    JvmProcess collector = start(bed, proxy, after, "pressure-restarted")) {
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofMinutes(4));
                bed.awaitCommittedEnd(Duration.ofSeconds(60));
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(40)), "log " + collector.log());

                LakeAudit.Result end = bed.audit();
                assertTrue(end.noDuplicates() && end.complete(bed.begin(), bed.end()), end.toString());
                assertEquals((long) PARTITIONS * PER_PARTITION, end.distinct());
                assertEquals(end.records(), end.distinct());
                Map<String, Integer> perMinute = perMinute(files(bed));
                int files =
                        perMinute.values().stream().mapToInt(Integer::intValue).sum();
                int most = Collections.max(perMinute.values());
                LOG.info(
                        "{} files {}; before the kill: {}; after the restart: {}; lake {}",
                        files,
                        perMinute,
                        before,
                        after,
                        lake);
                assertTrue(most >= 5, "a minute written in several parts: " + perMinute);
                assertTrue(before.footerReads() <= filesBeforeKill, "first process: " + before);
                assertTrue(after.footerReads() <= files, "restarted process: " + after + ", " + files + " files");
            }
        }
    }

    private static JvmProcess start(TestBed bed, BlackholeProxy proxy, StoreRequests counter, String log) {
        proxy.inspect(counter);
        return JvmProcess.of(Main.class)
                .env(bed.env())
                .env("MINIO_ENDPOINT", proxy.endpoint())
                .env("BUFFER_MAX_BYTES", "2MiB")
                .jvmArgs("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")
                .log(TestBed.logFile(log))
                .start();
    }

    private static java.util.List<String> files(TestBed bed) {
        return bed.store().list("minute/").stream().map(StoredObject::key).toList();
    }

    private static Map<String, Integer> perMinute(java.util.List<String> keys) {
        Map<String, Integer> out = new TreeMap<>();
        for (String k : keys) {
            out.merge(k.substring("minute/".length(), "minute/".length() + 13), 1, Integer::sum);
        }
        return out;
    }
}
