package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backfill pods of an Indexed Job as separate JVMs ({@code BACKFILL_SHARDS}, {@code JOB_COMPLETION_INDEX}, as
 * Kubernetes sets them), and the merger's jar ({@code ../batch-merger/target/batch-merger.jar}, built before this
 * module: see the pom).
 */
final class Pods {
    static final Duration WAIT = Duration.ofSeconds(300);
    static final Path MERGER_JAR = Path.of("..", "batch-merger", "target", "batch-merger.jar");
    private static final Pattern RECORDS = Pattern.compile("backfill done in [\\d.]+ s: ([\\d,]+) records");

    private Pods() {}

    /** Pod {@code index} of {@code shards}, choosing tiers as at {@code now}. */
    static JvmProcess.Builder pod(Map<String, String> env, Instant now, int index, int shards) {
        return JvmProcess.of(Main.class)
                .env(env)
                .env("BACKFILL_SHARDS", Integer.toString(shards))
                .env("JOB_COMPLETION_INDEX", Integer.toString(index))
                .args("--now", now.toString());
    }

    /** Waits for the pod's exit, which must be 0; returns its output. */
    static String awaitSuccess(JvmProcess pod) {
        assertEquals(0, pod.awaitExit(WAIT), pod.output());
        return pod.output();
    }

    /** The records the pod's summary says it read. */
    static long recordsRead(String output) {
        Matcher m = RECORDS.matcher(output);
        assertTrue(m.find(), "no summary in: " + output);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** A finished process: its exit status and output. */
    record Ran(int status, String output) {}

    /** Runs {@code batch-merger.jar <args>} against the same lake and Kafka to its end. */
    static Ran merger(Map<String, String> env, String... args) {
        try (JvmProcess p = JvmProcess.ofJar(MERGER_JAR)
                .jvmArgs("-Xmx256m")
                .env(env)
                .args(args)
                .start()) {
            int status = p.awaitExit(WAIT);
            return new Ran(status, p.output());
        }
    }
}
