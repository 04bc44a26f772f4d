package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks every backfill IT ends with. */
final class LakeAssertions {
    private LakeAssertions() {}

    /**
     * {@link #assertExactlyOnce} (counted by coordinates through DuckDB), and every row is in the file of the tier
     * the router gives it, named exactly by the contract; the tier folders hold no other file.
     */
    static void assertLoaded(Lake lake, History history, TierRouter router, WindowCodec codec) {
        List<Lake.Row> rows = assertExactlyOnce(lake, history);
        Set<String> expectedMerged = new TreeSet<>();
        Set<Window> expectedMinutes = new TreeSet<>();
        for (Lake.Row r : rows) {
            long t = history.rows.get(r.coord());
            Window target = router.targetOf(t);
            LakeKey key = lake.parse(r.key());
            if (target.level() == Level.MINUTE) {
                assertEquals(target, key.window(), r + " belongs to minute " + target);
                expectedMinutes.add(target);
            } else {
                assertEquals(codec.format(target), r.key(), r + " belongs to " + target);
                expectedMerged.add(codec.format(target));
            }
        }
        Set<String> merged = new TreeSet<>();
        for (String folder : List.of("hour", "day", "week")) {
            merged.addAll(lake.keys(folder));
        }
        assertEquals(expectedMerged, merged, "hour/day/week files");
        Set<Window> minutes = new TreeSet<>();
        for (String k : lake.keys("minute")) {
            minutes.add(lake.parse(k).window());
        }
        assertEquals(expectedMinutes, minutes, "minute windows with files");
    }

    /**
     * Every row of the history is in the lake's tiers exactly once, with its event time, and nothing else; every
     * dead letter is under errors/ exactly once. Returns the rows read.
     */
    static List<Lake.Row> assertExactlyOnce(Lake lake, History history) {
        List<Lake.Row> rows = lake.rows();
        Map<Long, Integer> copies = new HashMap<>();
        Set<String> expectedMerged = new TreeSet<>();
        Set<Window> expectedMinutes = new TreeSet<>();
        for (Lake.Row r : rows) {
            copies.merge(r.coord(), 1, Integer::sum);
            Long t = history.rows.get(r.coord());
            if (t == null) {
                fail("the lake holds " + r + " which is no row of the history");
            }
            assertEquals(t.longValue(), r.eventTime(), "event time of " + r);
        }
        long doubled = copies.values().stream().filter(n -> n > 1).count();
        assertEquals(0, doubled, "coordinates held more than once");
        Set<Long> missing = new TreeSet<>(history.rows.keySet());
        missing.removeAll(copies.keySet());
        assertEquals(Set.of(), missing, "rows missing from the lake");
        assertEquals(history.rows.size(), rows.size());

        Map<Long, Integer> letters = new HashMap<>();
        for (Lake.Row d : lake.deadLetters()) {
            letters.merge(d.coord(), 1, Integer::sum);
        }
        assertEquals(new TreeSet<>(history.deadLetters), new TreeSet<>(letters.keySet()), "dead letters");
        assertTrue(letters.values().stream().allMatch(n -> n == 1), "a dead letter written twice: " + letters);
        return rows;
    }
}
