package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A catch-up split across pods as the Indexed Job runs it: a backlog of nine closed hours, three merger JVMs with
 * MERGE_SHARDS=3 and JOB_COMPLETION_INDEX 0, 1, 2, started together (after shard 1 ran once alone). Each merges
 * exactly its own hours (those whose hour of the day is its index modulo 3: a day has 24 hours, a multiple of 3),
 * together every hour once, and the lake is exact by DuckDB.
 */
class ShardedCatchUpIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Instant DAY = Instant.parse("2025-06-12T00:00:00Z");
    private static final String NOW = "2025-06-12T12:01:00Z";
    private static final int HOURS = 9;
    private static final Pattern MERGED = Pattern.compile("merged hour/20250612_(\\d\\d)_\\d\\d\\.parquet");

    @Test
    void threeShardsMergeEveryHourOnceEachOnlyItsOwn() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "sharded")) {
            long rows = 0;
            for (int h = 0; h < HOURS; h++) {
                for (int m = 0; m < 2; m++) {
                    Instant t = DAY.plusSeconds(3600L * h + 60L * m);
                    lake.write(lake.minuteKey(t, null), m, rows, rows + 150, t, 100);
                    rows += 150;
                }
            }
            assertEquals(0, lake.run(shard(lake, 1), "hour", "--now", NOW), lake.output());
            assertEquals(List.of(1, 4, 7), merged(lake.output()), "shard 1 alone: its hours and nothing else");
            assertEquals(
                    HOURS * 2 - 3 * 2,
                    lake.tierKeys().stream()
                            .filter(k -> k.startsWith("minute/"))
                            .count());

            List<JvmProcess> pods = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    pods.add(JvmProcess.of(Main.class)
                            .env(shard(lake, i))
                            .args("hour", "--now", NOW)
                            .start());
                }
                TreeSet<Integer> all = new TreeSet<>(List.of(1, 4, 7));
                for (int i = 0; i < 3; i++) {
                    JvmProcess pod = pods.get(i);
                    assertEquals(0, pod.awaitExit(WAIT), pod.output());
                    List<Integer> hours = merged(pod.output());
                    List<Integer> expected = i == 1 ? List.of() : List.of(i, i + 3, i + 6);
                    assertEquals(expected, hours, "shard " + i + " merged exactly its own hours: " + pod.output());
                    all.addAll(hours);
                }
                assertEquals(9, all.size(), "together every hour: " + all);
            } finally {
                pods.forEach(JvmProcess::close);
            }
            List<String> keys = lake.tierKeys();
            assertEquals(HOURS, keys.size(), keys.toString());
            assertEquals(HOURS, keys.stream().filter(k -> k.startsWith("hour/")).count(), keys.toString());
            long[] counts = lake.counts();
            assertEquals(rows, counts[0], "rows: nothing twice");
            assertEquals(rows, counts[1], "distinct coordinates: nothing missing");
            assertEquals(List.of(), lake.leaseKeys());
        }
    }

    private static Map<String, String> shard(LakeFixture lake, int index) {
        Map<String, String> env = new LinkedHashMap<>(lake.env());
        env.put("MERGE_SHARDS", "3");
        env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
        return env;
    }

    /** The hours of 2025-06-12 a run's output says it merged, in order. */
    private static List<Integer> merged(String output) {
        List<Integer> hours = new ArrayList<>();
        Matcher m = MERGED.matcher(output);
        while (m.find()) {
            hours.add(Integer.parseInt(m.group(1)));
        }
        return hours;
    }
}
