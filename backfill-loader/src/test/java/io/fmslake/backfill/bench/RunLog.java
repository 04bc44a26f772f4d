package io.fmslake.backfill.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads figures out of a backfill's log (phases, its summary) and its {@code -Xlog:gc} file. */
final class RunLog {
    private static final Pattern SUMMARY = Pattern.compile(
            "backfill done in ([\\d.]+) s: ([\\d,]+) records .*?, ([\\d,]+) records/s, .*peak heap (\\d+) MiB");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    /** The run's phases from its log lines, and its summary's rate and sampled peak heap. */
    record Phases(double readSeconds, double publishSeconds, double recordsPerSecond, long peakHeapMiB) {}

    /** Heap before and after collections, from the GC log. */
    record Gc(long maxBeforeMiB, long maxAfterMiB, int count, double pauseMillis) {}

    private RunLog() {}

    static Phases phases(List<String> lines) {
        OffsetDateTime loading = null;
        OffsetDateTime read = null;
        OffsetDateTime done = null;
        double rate = 0;
        long peak = 0;
        for (String l : lines) {
            if (l.contains("BackfillRun - loading ")) {
                loading = time(l);
            } else if (l.contains("BackfillRun - read ")) {
                read = time(l);
            } else if (l.contains("backfill done in ")) {
                Matcher m = SUMMARY.matcher(l);
                if (m.find()) {
                    rate = Double.parseDouble(m.group(3).replace(",", ""));
                    peak = Long.parseLong(m.group(4));
                }
                if (l.startsWith("20")) {
                    done = time(l);
                }
            }
        }
        return new Phases(seconds(loading, read), seconds(read, done), rate, peak);
    }

    static Gc gc(Path file) {
        long before = 0;
        long after = 0;
        int count = 0;
        double pauses = 0;
        try {
            for (String l : Files.readAllLines(file)) {
                Matcher m = GC.matcher(l);
                if (m.find()) {
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    count++;
                    pauses += Double.parseDouble(m.group(4));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Gc(before, after, count, pauses);
    }

    private static OffsetDateTime time(String line) {
        try {
            return OffsetDateTime.parse(line.substring(0, line.indexOf(' ')));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double seconds(OffsetDateTime from, OffsetDateTime to) {
        return from == null || to == null
                ? Double.NaN
                : Duration.between(from, to).toMillis() / 1000.0;
    }
}
