package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Direction;
import io.fmslake.testkit.BlackholeProxy.Mode;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.ProcessPause;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paused replica ("zombie"): three replicas share a 3-partition topic under continuous traffic, all of it late
 * for one minute that is already written, so every replica writes a late file of that minute every few seconds
 * (base name taken and listed, so: probe, write a suffixed file). The replica owning partition 2 is stopped with
 * SIGSTOP exactly between the probe of such a flush and its upload, after it uploaded a file of the minute (its S3
 * traffic passes a proxy, which stops the JVM when that probe's LIST request goes out and then lets the LIST
 * through, so the answer waits in the stopped JVM's socket: a probe taken before the pause). It holds buffered rows of that minute, not yet
 * written. It stays stopped past the session timeout, the group gives partition 2 to another replica, which re-reads
 * and writes those rows in its own late file (named by its lower partition). Then the zombie continues: it must not
 * upload what it probed before the pause. Afterwards: the minute level holds every record exactly once, and so does
 * the hour after a merge.
 */
class ZombieIT {
    private static final Logger LOG = LoggerFactory.getLogger(ZombieIT.class);
    private static final Pattern OWNERSHIP = Pattern.compile("(assigned|revoked|lost) \\[([^\\]]*)\\]");

    @TempDir
    Path work;

    @Test
    void aReplicaPausedBetweenItsProbeAndItsUploadUploadsNothingAfterTheGroupMovedOn() throws Exception {
        try (TestBed bed = new TestBed("zombie", 3, work)) {
            Map<String, String> env = bed.env();
            env.put("LATE_FLUSH_INTERVAL", "3s");
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
            AtomicBoolean producing = new AtomicBoolean(true);
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                for (int i = 0; producing.get(); i++) {
                    for (int p = 0; p < 3; p++) {
                        bed.produce(p, 10, minute.plusSeconds(i % 55), Duration.ofMillis(10));
                    }
                    TestBed.sleep(400); // pauses longer than FLUSH_IDLE: the minute gets written, then late files
                }
            });
            List<BlackholeProxy> proxies = new ArrayList<>();
            List<JvmProcess> replicas = new ArrayList<>();
            try {
                for (int r = 0; r < 3; r++) {
                    BlackholeProxy proxy = BlackholeProxy.to(bed.s3.endpoint(), Mode.FORWARD);
                    proxies.add(proxy);
                    replicas.add(JvmProcess.of(Main.class)
                            .env(env)
                            .env("MINIO_ENDPOINT", proxy.endpoint())
                            .log(TestBed.logFile("zombie-" + r))
                            .start());
                }
                assertTrue(
                        StoreFaultsIT.await(
                                Duration.ofSeconds(90), () -> replicas.stream().allMatch(p -> owned(p).size() == 1)),
                        "each replica owns one partition; " + logs(replicas));
                int z = -1;
                for (int r = 0; r < 3; r++) {
                    if (owned(replicas.get(r)).contains(2)) {
                        z = r;
                    }
                }
                JvmProcess zombie = replicas.get(z);
                LOG.info("replica {} (pid {}) owns partition 2: it will be paused", z, zombie.pid());

                AtomicBoolean sawUpload = new AtomicBoolean();
                CompletableFuture<Instant> paused = new CompletableFuture<>();
                proxies.get(z).inspect((direction, head) -> {
                    if (direction == Direction.REQUEST && head.startsWith("PUT /" + bed.bucket + "/minute/")) {
                        sawUpload.set(true);
                    } else if (direction == Direction.REQUEST
                            && sawUpload.get()
                            && !paused.isDone()
                            && head.startsWith("GET /" + bed.bucket + "?")
                            && head.contains("prefix=minute")) {
                        ProcessPause.stop(zombie.pid()); // the probe's LIST goes out only once the JVM is stopped
                        paused.complete(Instant.now());
                    }
                });
                Instant pausedAt = paused.get(60, java.util.concurrent.TimeUnit.SECONDS);
                int zombieLines = zombie.output().length();
                LOG.info("zombie stopped at {} between its probe and its upload", pausedAt);

                // another replica takes partition 2 over and writes the zombie's buffered rows itself
                int taker = -1;
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (taker < 0 && System.nanoTime() < deadline) {
                    for (int r = 0; r < 3; r++) {
                        String out = replicas.get(r).output();
                        int at = out.lastIndexOf("assigned [" + bed.topic + "-2]");
                        if (r != z && at >= 0 && out.indexOf("p2=", at) >= 0) {
                            taker = r;
                        }
                    }
                    TestBed.sleep(200);
                }
                assertTrue(taker >= 0, "partition 2 taken over and written; " + logs(replicas));
                assertTrue(ProcessPause.stopped(zombie.pid()), "still stopped");
                LOG.info(
                        "replica {} took partition 2 over and wrote it; resuming the zombie after {} s",
                        taker,
                        Duration.between(pausedAt, Instant.now()).toSeconds());
                ProcessPause.resume(zombie.pid());
                assertTrue(
                        StoreFaultsIT.await(
                                Duration.ofSeconds(60), () -> zombie.output().indexOf("lost [", zombieLines) >= 0),
                        "the zombie learns it was fenced; log " + zombie.log());
                TestBed.sleep(3000);

                producing.set(false);
                traffic.get();
                LakeAudit.Result minutes = bed.awaitComplete(Duration.ofSeconds(90)); // fails on a duplicate
                assertTrue(minutes.noDuplicates(), "minute level: " + minutes);
                bed.awaitCommittedEnd(Duration.ofSeconds(60));
                for (JvmProcess p : replicas) {
                    p.terminate();
                }
                for (JvmProcess p : replicas) {
                    assertEquals(0, p.awaitExit(Duration.ofSeconds(40)), "exit 0; log " + p.log());
                }
                LakeAudit.Result stopped = bed.audit();
                assertTrue(stopped.noDuplicates() && stopped.complete(bed.begin(), bed.end()), "stopped: " + stopped);
                LOG.info("zombie lake before the merge: {}; zombie log: {}", stopped, zombie.log());
            } finally {
                producing.set(false);
                replicas.forEach(JvmProcess::close);
                proxies.forEach(BlackholeProxy::close);
            }
            WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
            HourMergeSimulator.merge(bed.store(), codec, codec.windowOf(Level.HOUR, minute), bed.topic);
            LakeAudit.Result merged = bed.audit();
            assertTrue(merged.noDuplicates() && merged.complete(bed.begin(), bed.end()), "after the merge: " + merged);
            assertTrue(
                    merged.keys().stream().allMatch(k -> k.startsWith("hour/")),
                    merged.keys().toString());
        }
    }

    /** The partitions a replica owns now, from its log's assigned/revoked/lost lines. */
    private static TreeSet<Integer> owned(JvmProcess p) {
        TreeSet<Integer> owned = new TreeSet<>();
        Matcher m = OWNERSHIP.matcher(p.output());
        while (m.find()) {
            for (String tp : m.group(2).split(",\\s*")) {
                if (tp.isBlank()) {
                    continue;
                }
                int partition =
                        Integer.parseInt(tp.substring(tp.lastIndexOf('-') + 1).trim());
                if (m.group(1).equals("assigned")) {
                    owned.add(partition);
                } else {
                    owned.remove(partition);
                }
            }
        }
        return owned;
    }

    private static String logs(List<JvmProcess> replicas) {
        return replicas.stream().map(p -> p.log().toString()).toList().toString();
    }
}
