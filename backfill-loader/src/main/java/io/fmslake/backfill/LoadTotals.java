package io.fmslake.backfill;

import io.fmslake.backfill.load.LoadStats;
import io.fmslake.backfill.publish.PublishStats;
import io.fmslake.window.Level;
import java.util.EnumMap;
import java.util.Map;

/** What the chunks of one run read and published, added up for its summary. Not thread-safe (the run's thread). */
final class LoadTotals {
    private long rows;
    private long deadLetters;
    private int runs;
    private int chunks;
    private final Map<Level, PublishStats.Tier> tiers = new EnumMap<>(Level.class);

    void add(LoadStats read, int runsSpilled, Map<Level, PublishStats.Tier> published) {
        rows += read.rows();
        deadLetters += read.deadLetters();
        runs += runsSpilled;
        chunks++;
        published.forEach((level, t) -> tiers.merge(
                level,
                t,
                (a, b) -> new PublishStats.Tier(
                        a.files() + b.files(),
                        a.rowsInFiles() + b.rowsInFiles(),
                        a.rowsAdded() + b.rowsAdded(),
                        a.untouched() + b.untouched())));
    }

    long records() {
        return rows + deadLetters;
    }

    long rows() {
        return rows;
    }

    long deadLetters() {
        return deadLetters;
    }

    int runs() {
        return runs;
    }

    int chunks() {
        return chunks;
    }

    Map<Level, PublishStats.Tier> tiers() {
        return new EnumMap<>(tiers);
    }
}
