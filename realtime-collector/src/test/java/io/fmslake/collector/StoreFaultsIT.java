package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Mode;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.Ports;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store misbehaves, seen through the test kit's TCP proxy: silent (connections accepted, bytes dropped),
 * down when the collector starts (connections refused), silent during a SIGTERM. Each time the collector says so
 * within seconds, stays alive, recovers by itself, and the lake ends with every record exactly once.
 */
class StoreFaultsIT {
    @TempDir
    Path work;

    @Test
    void aSilentStoreTurnsReadinessAndTheMetricWithinSecondsAndTheCollectorRecovers() throws Exception {
        try (TestBed bed = new TestBed("silent", 2, work);
                BlackholeProxy proxy = BlackholeProxy.to(bed.s3.endpoint(), Mode.FORWARD)) {
            Map<String, String> env = bed.env();
            env.put("MINIO_ENDPOINT", proxy.endpoint());
            CollectorSettings settings = CollectorSettings.fromEnv(env);
            Instant m = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
            try (ObjectStore store = ObjectStores.open(settings.store(), Collector.STORE_RETRY);
                    Collector collector = new Collector(settings, store, Clock.systemUTC(), CrashPoints.NONE)) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                int port = collector.httpPort();
                bed.produce(0, 50, m, Duration.ofMillis(100));
                bed.produce(1, 50, m, Duration.ofMillis(100));
                bed.awaitComplete(Duration.ofSeconds(60));
                assertTrue(
                        await(Duration.ofSeconds(30), () -> get(port, "/readyz").startsWith("200")));

                proxy.mode(Mode.BLACKHOLE);
                long silentAt = System.nanoTime();
                bed.produce(0, 100, m.plusSeconds(60), Duration.ofMillis(100));
                bed.produce(1, 100, m.plusSeconds(60), Duration.ofMillis(100));
                assertTrue(
                        await(
                                Duration.ofSeconds(30),
                                () -> get(port, "/readyz").startsWith("503 object store " + "not answering")),
                        "not ready while the store is silent: " + get(port, "/readyz"));
                System.out.printf(
                        "readyz 503 %d ms after the store went silent%n", (System.nanoTime() - silentAt) / 1_000_000);
                assertTrue(
                        await(
                                Duration.ofSeconds(10),
                                () -> get(port, "/metrics").contains("fms_collector_store_up 0.0")),
                        get(port, "/metrics"));
                assertTrue(get(port, "/healthz").startsWith("200"), "alive all along");
                Map<Integer, Long> committed = bed.committed();

                proxy.mode(Mode.FORWARD);
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                assertEquals(300, lake.distinct());
                assertTrue(
                        await(Duration.ofSeconds(30), () -> get(port, "/readyz").startsWith("200")));
                String metrics = get(port, "/metrics");
                assertTrue(metrics.contains("fms_collector_store_up 1.0"), metrics);
                assertTrue(metrics.contains("fms_collector_store_errors_total{op=\"stat\"}"), metrics);
                assertTrue(committed.get(0) <= 50 && committed.get(1) <= 50, "nothing committed while silent");
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                collector.stop();
                running.get();
            }
        }
    }

    @Test
    void aStoreDownAtStartIsWaitedForNotReadyAndThenWrittenTo() {
        try (TestBed bed = new TestBed("down-at-start", 1, work);
                BlackholeProxy proxy = BlackholeProxy.to(bed.s3.endpoint(), Mode.REFUSE)) {
            int port = Ports.free();
            Path log = TestBed.logFile("down-at-start");
            try (JvmProcess collector = JvmProcess.of(Main.class)
                    .env(bed.env())
                    .env("MINIO_ENDPOINT", proxy.endpoint())
                    .env("HTTP_PORT", Integer.toString(port))
                    .log(log)
                    .start()) {
                assertTrue(collector.awaitOutput("(attempt 2)", Duration.ofSeconds(60)), "log " + log);
                assertTrue(collector.alive(), "waits instead of exiting; log " + log);
                assertTrue(get(port, "/healthz").startsWith("200"), "alive while waiting");
                String ready = get(port, "/readyz");
                assertTrue(ready.startsWith("503 waiting: object store ") && ready.contains("not reachable"), ready);

                bed.produce(0, 20, Instant.now().minus(10, ChronoUnit.MINUTES), Duration.ofMillis(100));
                proxy.mode(Mode.FORWARD);
                assertTrue(
                        await(Duration.ofSeconds(60), () -> get(port, "/readyz").startsWith("200")), "log " + log);
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(60));
                assertEquals(20, lake.distinct());
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(40)), "log " + log);
            }
        }
    }

    @Test
    void sigtermWhileTheStoreIsSilentExitsZeroWithinTheBudgetAndLosesNothing() {
        try (TestBed bed = new TestBed("sigterm-silent", 1, work);
                BlackholeProxy proxy = BlackholeProxy.to(bed.s3.endpoint(), Mode.FORWARD)) {
            Instant open = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.MINUTES);
            Map<String, String> env = bed.env();
            env.put("MINIO_ENDPOINT", proxy.endpoint());
            env.put("SHUTDOWN_TIMEOUT", "10s");
            env.put("KAFKA_SESSION_TIMEOUT", "10s");
            Path log = TestBed.logFile("sigterm-silent");
            try (JvmProcess collector =
                    JvmProcess.of(Main.class).env(env).log(log).start()) {
                assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + log);
                bed.produce(0, 50, open, Duration.ofMillis(100));
                TestBed.sleep(3000);
                proxy.mode(Mode.BLACKHOLE);
                long t0 = System.nanoTime();
                collector.terminate();
                // SHUTDOWN_TIMEOUT bounds the collector's steps; the rest is JVM exit and a loaded machine's slack
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(10 + 10)), "log " + log);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf(
                        "SIGTERM with the store silent: exit 0 after %d ms (SHUTDOWN_TIMEOUT 10 s)%n", millis);
                String out = collector.output();
                assertTrue(out.contains("not all became durable"), "the shutdown says what it could not write; " + log);
                assertTrue(out.contains("shutdown took"), log.toString());
            }
            proxy.mode(Mode.FORWARD);
            env.put("SHUTDOWN_TIMEOUT", "20s");
            Path restart = TestBed.logFile("sigterm-silent-restart");
            try (JvmProcess collector =
                    JvmProcess.of(Main.class).env(env).log(restart).start()) {
                assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + restart);
                TestBed.sleep(3000); // polls the 50 records again
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(40)), "log " + restart);
            }
            LakeAudit.Result lake = bed.audit();
            assertEquals(50, lake.distinct(), "the open minute, written by the restarted collector's SIGTERM");
            assertTrue(lake.noDuplicates(), lake.toString());
            assertEquals(bed.end(), bed.committed());
        }
    }

    static String get(int port, String path) {
        try {
            return CollectorIT.get(port, path);
        } catch (Exception e) {
            return "error " + e;
        }
    }

    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TestBed.sleep(250);
        }
        return false;
    }
}
