package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.ConditionsIgnoredBlobStore;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merger jar's start-up checks: a store that ignores conditional writes is refused with one message; settings
 * that differ from the lake's record are refused naming each variable with both values, by merges and by the
 * read-only tools alike (exit 2, as a configuration error).
 */
class StartupChecksIT {
    static final Path JAR = Path.of("target", "batch-merger.jar");
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    private static JvmProcess run(Map<String, String> env, String... args) {
        JvmProcess p =
                JvmProcess.ofJar(JAR).jvmArgs("-Xmx256m").env(env).args(args).start();
        p.awaitExit(Duration.ofSeconds(120));
        return p;
    }

    @Test
    void aStoreThatIgnoresConditionalWritesIsRefusedWithOneMessage() {
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(ConditionsIgnoredBlobStore::new);
                LakeFixture lake = new LakeFixture(s3, "careless")) {
            lake.write(lake.minuteKey(H10, null), 0, 0, 100, H10, 100);
            try (JvmProcess merger = run(lake.env(), "hour", "--now", "2025-06-12T12:00:00Z")) {
                assertEquals(2, merger.awaitExit(Duration.ofSeconds(1)), merger.output());
                String out = merger.output();
                assertTrue(
                        out.contains("error: invalid configuration (1 error):\n  - MINIO_ENDPOINT=" + s3.endpoint()
                                + ": the object store http://" + s3.endpoint() + " (bucket " + lake.bucket
                                + ") does not "
                                + "honour conditional writes"),
                        out);
                assertTrue(out.contains("MinIO RELEASE.2024-05-07T06-41-25Z or newer"), out);
                assertFalse(out.contains("\tat "), "one message, no stack trace: " + out);
            }
            assertEquals(1, lake.tierKeys().size(), "nothing merged: " + lake.tierKeys());
        }
    }

    @Test
    void settingsThatDifferFromTheLakesRecordAreRefusedByEveryCommand() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "settings")) {
            lake.write(lake.minuteKey(H10, null), 0, 0, 100, H10, 100);
            try (JvmProcess first = run(lake.env(), "hour", "--now", "2025-06-12T12:00:00Z")) {
                assertEquals(0, first.awaitExit(Duration.ofSeconds(1)), first.output());
            }
            Map<String, String> moved = lake.env();
            moved.put("TIMEZONE", "Asia/Seoul");
            moved.put("WEEK_START", "MONDAY");
            for (String[] args : new String[][] {{"day", "--now", "2025-06-14T00:00:00Z"}, {"status"}}) {
                try (JvmProcess p = run(moved, args)) {
                    assertEquals(2, p.awaitExit(Duration.ofSeconds(1)), p.output());
                    String out = p.output();
                    assertTrue(out.contains("invalid configuration (2 errors)"), out);
                    assertTrue(
                            out.contains("TIMEZONE=Asia/Seoul: the lake in bucket " + lake.bucket
                                    + " was written with TIMEZONE=UTC (recorded in _lake/settings.json)"),
                            out);
                    assertTrue(
                            out.contains("WEEK_START=MONDAY: the lake in bucket " + lake.bucket
                                    + " was written with WEEK_START=SUNDAY"),
                            out);
                }
            }
            try (JvmProcess status = run(lake.env(), "status")) {
                assertEquals(0, status.awaitExit(Duration.ofSeconds(1)), status.output());
            }
            assertEquals(java.util.List.of("hour/20250612_10_11.parquet"), lake.tierKeys());
        }
    }
}
