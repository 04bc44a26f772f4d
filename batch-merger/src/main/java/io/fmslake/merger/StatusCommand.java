package io.fmslake.merger;

import io.fmslake.deadletter.ExpiredDeadLetters;
import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code status}: every tier's files with rows and bytes from their footers, totals, gaps, double coverage. */
@Command(
        mixinStandardHelpOptions = true,
        description = {
            "Show the lake: files, rows, bytes, gaps, double coverage.",
            "Prints each tier's files with rows (from their footers) and bytes, the totals per tier and of errors/, the",
            "minutes no file covers between the first and the last window (gaps), windows covered at two levels, and how",
            "many files of hours, days and weeks are parts (windows larger than TARGET_FILE_BYTES); errors/ per level",
            "(minute dead-letter files and those rolled up) and the dead-letter files DEAD_LETTER_RETENTION expired."
        })
final class StatusCommand implements Callable<Integer> {
    private final Supplier<MergerContext> context;

    StatusCommand(Supplier<MergerContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (MergerContext ctx = context.get()) {
            print(ctx.store(), ctx.codec(), ctx.out());
            return Cli.OK;
        }
    }

    static void print(ObjectStore store, WindowCodec codec, PrintStream out) {
        List<Window> windows = new ArrayList<>();
        List<Window> parted = new ArrayList<>();
        List<LakeKey> errors = new ArrayList<>();
        for (String folder : new String[] {"minute", "hour", "day", "week", LakeKey.ERRORS}) {
            long files = 0;
            long rows = 0;
            long bytes = 0;
            out.printf("== %s/%n", folder);
            for (StoredObject o : store.list(folder + "/")) {
                Optional<LakeKey> key = codec.parse(o.key());
                String rowText;
                try {
                    long n = FileFooter.read(new StoreInputFile(store, o))
                            .summary()
                            .rows();
                    rows += n;
                    rowText = Long.toString(n);
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    rowText = "unreadable footer (" + e.getMessage() + ")";
                }
                files++;
                bytes += o.size();
                out.printf(
                        "  %-48s %12s rows %14d bytes%s%n",
                        o.key(), rowText, o.size(), key.isEmpty() ? "  (not a lake file name)" : "");
                if (key.isPresent() && key.get().deadLetter()) {
                    errors.add(key.get());
                } else if (key.isPresent()) {
                    windows.add(key.get().window());
                    if (key.get().isPart()) {
                        parted.add(key.get().window());
                    }
                }
            }
            out.printf("  total %s: %d files, %d rows, %d bytes%n", folder, files, rows, bytes);
        }
        printErrors(store, errors, out);
        List<Coverage.Gap> gaps = Coverage.gaps(windows);
        long missing = gaps.stream().mapToLong(Coverage.Gap::minutes).sum();
        out.printf("== minutes with no data: %d in %d gap(s)%n", missing, gaps.size());
        gaps.forEach(g -> out.printf("  %s .. %s (%d minutes)%n", g.from(), g.to().minusMinutes(1), g.minutes()));
        List<Coverage.Overlap> overlaps = Coverage.overlaps(windows);
        out.printf("== windows covered at two levels: %d%n", overlaps.size());
        overlaps.forEach(o -> out.printf("  %s also inside %s%n", codec.format(o.finer()), codec.format(o.coarser())));
        if (!overlaps.isEmpty()) {
            out.println(
                    "  (normal for late data or while a merge publishes; the next run of the coarser level folds them)");
        }
        out.printf(
                "tiers: minute=%d hour=%d day=%d week=%d windows%n",
                count(windows, Level.MINUTE),
                count(windows, Level.HOUR),
                count(windows, Level.DAY),
                count(windows, Level.WEEK));
        out.printf(
                "parts: hour=%d day=%d week=%d files in %d window(s) written as parts (TARGET_FILE_BYTES)%n",
                parted.stream().filter(w -> w.level() == Level.HOUR).count(),
                parted.stream().filter(w -> w.level() == Level.DAY).count(),
                parted.stream().filter(w -> w.level() == Level.WEEK).count(),
                parted.stream().distinct().count());
    }

    /** The dead letters per level (minute files and those the merger rolled up) and what retention expired. */
    private static void printErrors(ObjectStore store, List<LakeKey> errors, PrintStream out) {
        long[] perLevel = new long[Level.values().length];
        errors.forEach(k -> perLevel[k.window().level().ordinal()]++);
        out.printf(
                "errors: minute=%d hour=%d day=%d week=%d files (%d of them parts); the hour, day and week runs "
                        + "roll dead letters up like rows%n",
                perLevel[0],
                perLevel[1],
                perLevel[2],
                perLevel[3],
                errors.stream().filter(LakeKey::isPart).count());
        List<ExpiredDeadLetters> expired = ExpiredDeadLetters.list(store);
        if (!expired.isEmpty()) {
            out.printf(
                    "expired: %d dead-letter file(s), %d dead letters, deleted by DEAD_LETTER_RETENTION "
                            + "(recorded under %s)%n",
                    expired.size(),
                    expired.stream().mapToLong(e -> e.coordinates().count()).sum(),
                    ExpiredDeadLetters.PREFIX);
        }
    }

    private static long count(List<Window> windows, Level level) {
        return windows.stream().filter(w -> w.level() == level).distinct().count();
    }
}
