package io.fmslake.backfill;

import io.fmslake.backfill.load.Shard;
import io.fmslake.backfill.publish.PublishStats;
import io.fmslake.window.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one backfill run did.
 *
 * @param handOver        partition -> offset where the collector takes over
 * @param loadedFrom      partition -> first offset read
 * @param records         records read (rows plus dead letters)
 * @param rows            records that became rows
 * @param deadLetters     records that became dead letters
 * @param deadLetterFiles dead-letter files written under errors/
 * @param deadLettersByReason dead letters by reason (e.g. {@code not_json}, {@code event_time_too_far_ahead})
 * @param runs            sorted runs spilled to local disk
 * @param tiers           files written per tier
 * @param duration        wall time of the whole run
 * @param peakHeapBytes   peak heap in use during the run (garbage included)
 * @param maxHeapBytes    the heap limit
 * @param shard           which partitions this pod loaded
 * @param chunks          chunks loaded (each published and committed before the next)
 */
public record Summary(
        Map<Integer, Long> handOver,
        Map<Integer, Long> loadedFrom,
        long records,
        long rows,
        long deadLetters,
        int deadLetterFiles,
        Map<String, Long> deadLettersByReason,
        int runs,
        Map<Level, PublishStats.Tier> tiers,
        Duration duration,
        long peakHeapBytes,
        long maxHeapBytes,
        Shard shard,
        int chunks) {

    public double recordsPerSecond() {
        double s = duration.toNanos() / 1e9;
        return s <= 0 ? 0 : records / s;
    }

    /** Files written per tier. */
    public long files(Level level) {
        PublishStats.Tier t = tiers.get(level);
        return t == null ? 0 : t.files();
    }

    /** The summary as printed at the end of a run. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT,
                "backfill done in %.1f s: %,d records (%,d rows, %,d dead letters in %d "
                        + "files), %,.0f records/s, %d sorted runs, peak heap %d MiB of %d MiB",
                duration.toMillis() / 1000.0,
                records,
                rows,
                deadLetters,
                deadLetterFiles,
                recordsPerSecond(),
                runs,
                peakHeapBytes >> 20,
                maxHeapBytes >> 20));
        if (!deadLettersByReason.isEmpty()) {
            out.add("  dead letters by reason: "
                    + deadLettersByReason.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        for (Level l : new Level[] {Level.WEEK, Level.DAY, Level.HOUR, Level.MINUTE}) {
            PublishStats.Tier t = tiers.get(l);
            if (t != null) {
                out.add(String.format(
                        Locale.ROOT,
                        "  %-6s %4d files written (%,d rows, %,d added by this run), " + "%d windows already complete",
                        l.folder(),
                        t.files(),
                        t.rowsInFiles(),
                        t.rowsAdded(),
                        t.untouched()));
            }
        }
        out.add("  loaded offsets " + loadedFrom + " up to the hand-over point " + handOver);
        String of = shard.count() == 1
                ? ""
                : String.format(
                        Locale.ROOT,
                        "shard %s (partitions p with p mod %d = %d), ",
                        shard,
                        shard.count(),
                        shard.index());
        out.add(String.format(
                Locale.ROOT, "  %s%d chunk(s), each committed for the backfill's group once published", of, chunks));
        return out;
    }
}
