package io.fmslake.backfill.publish;

import io.fmslake.merge.MergeResult;
import io.fmslake.publish.Publication;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.util.EnumMap;
import java.util.Map;

/** Counts what the publish phase did, per tier. Thread-safe. */
public final class PublishStats {
    private final Map<Level, long[]> counts = new EnumMap<>(Level.class);

    /** Per tier: files written, rows in them, rows this run added, windows left untouched (all durable already). */
    public record Tier(long files, long rowsInFiles, long rowsAdded, long untouched) {}

    synchronized void merged(Window target, MergeResult r, long added) {
        long[] c = of(target.level());
        c[0]++;
        c[1] += r.rows();
        c[2] += added;
    }

    synchronized void skipped(Window target, long rows) {
        of(target.level())[3]++;
    }

    synchronized void minute(Publication p) {
        long[] c = of(Level.MINUTE);
        if (p.wroteFile()) {
            c[0]++;
            c[1] += p.rows();
            c[2] += p.rows();
        } else {
            c[3]++;
        }
    }

    public synchronized Map<Level, Tier> tiers() {
        Map<Level, Tier> out = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            long[] c = of(l);
            out.put(l, new Tier(c[0], c[1], c[2], c[3]));
        }
        return out;
    }

    private long[] of(Level level) {
        return counts.computeIfAbsent(level, l -> new long[4]);
    }
}
