package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ShardTest {
    private final WindowCodec berlin = new WindowCodec(ZoneId.of("Europe/Berlin"), DayOfWeek.MONDAY);

    /** Consecutive windows of a level from {@code start}, including a daylight saving change in Berlin. */
    private List<Window> windows(Level level, String start, int n) {
        List<Window> out = new ArrayList<>();
        Window w = berlin.windowOf(level, Instant.parse(start));
        for (int i = 0; i < n; i++) {
            out.add(w);
            w = berlin.windowOf(level, w.end());
        }
        return out;
    }

    @Test
    void everyWindowBelongsToExactlyOneShardAndConsecutiveOnesTakeTurns() {
        for (Level level : new Level[] {Level.HOUR, Level.DAY, Level.WEEK}) {
            List<Window> ws = windows(level, "2025-03-29T00:00:00Z", 60);
            for (int n = 1; n <= 5; n++) {
                int[] per = new int[n];
                for (Window w : ws) {
                    int owners = 0;
                    for (int i = 0; i < n; i++) {
                        if (new Shard(i, n).contains(w)) {
                            owners++;
                            per[i]++;
                        }
                    }
                    assertEquals(1, owners, w + " in " + n + " shards");
                }
                for (int count : per) {
                    assertTrue(
                            Math.abs(count - 60.0 / n) <= 1.5,
                            level + " " + n + " shards: " + java.util.Arrays.toString(per));
                }
            }
        }
    }

    @Test
    void positionsCountWindowsSinceTheEpochInLocalTime() {
        assertEquals(0, Shard.position(berlin.windowOf(Level.HOUR, java.time.LocalDateTime.parse("1970-01-01T00:00"))));
        Window h = berlin.parseWindow(Level.HOUR, "2025-06-12T10:00");
        assertEquals(20251L * 24 + 10, Shard.position(h));
        assertEquals(20251L, Shard.position(berlin.parseWindow(Level.DAY, "2025-06-12")));
        assertEquals(
                Shard.position(berlin.parseWindow(Level.WEEK, "2025-06-09")) + 1,
                Shard.position(berlin.parseWindow(Level.WEEK, "2025-06-16")));
        assertTrue(Shard.ALL.contains(h));
    }

    @Test
    void theOptionIsParsedAndCheckedBeforeAnythingIsOpened() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        for (String bad : new String[] {"3/3", "1", "-1/3", "a/b", "0/0"}) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Cli.build(() -> {
            throw new AssertionError("a bad --shard is refused before the bucket is opened");
        });
        cl.setErr(new PrintWriter(err, true));
        assertEquals(Cli.USAGE, cl.execute("hour", "--shard", "3/3"));
        assertTrue(err.toString().contains("shard 3/3: need 0 <= index < count"), err.toString());
    }
}
