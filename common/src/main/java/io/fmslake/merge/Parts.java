package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.OutputFile;

/**
 * The output of one merge, part by part (DESIGN-merger.md, publish steps 4 to 7): each finished local part is
 * checked (its rows are distinct, expected, and in no earlier part; the scratch directory within its budget),
 * uploaded conditionally under the base key (the only output, nothing kept beside it) or its part key, verified
 * from the bucket and removed locally before the next one is written. {@link #finish()} checks that the parts
 * together hold exactly the planned coordinates.
 */
final class Parts implements PartSink {
    private final MergePlan plan;
    private final MergeOptions options;
    private final Path work;
    private final MergeLease lease;
    private final CrashPoint.Hook hook;
    private final TargetPublisher publisher;
    private final OffsetSet expected;
    private final OffsetSet written = new OffsetSet();
    private final List<String> published = new ArrayList<>();
    private Path current;
    private long rows;
    private long bytes;
    private long scratchPeak;

    Parts(
            MergePlan plan,
            MergeOptions options,
            Path work,
            MergeLease lease,
            CrashPoint.Hook hook,
            TargetPublisher publisher) {
        this.plan = plan;
        this.options = options;
        this.work = work;
        this.lease = lease;
        this.hook = hook;
        this.publisher = publisher;
        this.expected = plan.offsets();
    }

    @Override
    public OutputFile open() {
        return LocalFiles.output(nextPath());
    }

    /** The local path of the next part (for a strategy that fills it itself, e.g. by a download). */
    Path nextPath() {
        current = work.resolve("part-" + published.size() + ".parquet");
        return current;
    }

    @Override
    public void close(boolean more) {
        publish(current, more);
    }

    @Override
    public long targetBytes() {
        return options.targetFileBytes();
    }

    /** Checks, uploads and verifies a finished local part; removes it if it lies in the scratch directory. */
    void publish(Path local, boolean more) {
        checkScratch();
        FileFooter footer = FileFooter.read(LocalFiles.input(local));
        FileSummary s = footer.summary();
        long distinct = s.offsets().count();
        if (footer.rowCount() != s.rows() || s.rows() != distinct) {
            throw new MergeException("a part for " + plan.targetKey() + " holds " + footer.rowCount() + " rows (footer "
                    + s.rows() + ") for " + distinct + " coordinates; nothing deleted");
        }
        if (s.offsets().countIn(expected) != distinct || s.offsets().countIn(written) != 0) {
            throw new MergeException("a part for " + plan.targetKey() + " holds coordinates not planned or already "
                    + "in an earlier part; nothing deleted");
        }
        boolean base = !more && published.isEmpty() && plan.baseAllowed();
        StoredObject uploaded = base
                ? publisher.upload(plan.targetKey(), local, s, Precondition.of(plan.targetEtag()), lease)
                : publisher.uploadPart(
                        plan.partKey(s.minEventTime(), s.offsets().encode()), local, s, lease);
        FileSummary back = publisher.footer(uploaded).summary();
        if (back.rows() != s.rows() || !back.offsets().equals(s.offsets())) {
            throw new MergeException("uploaded " + uploaded.key() + " holds other rows than written; nothing deleted");
        }
        if (local.startsWith(work)) {
            deleteLocal(local);
        }
        published.add(uploaded.key());
        written.addAll(s.offsets());
        rows += s.rows();
        bytes += uploaded.size();
        hook.reached(CrashPoint.AFTER_PART);
    }

    /** Checks that the parts hold exactly the planned coordinates. */
    void finish() {
        if (rows != plan.expectedRows() || !written.equals(expected)) {
            throw new MergeException("the parts published for " + plan.targetKey() + " hold " + rows + " rows, planned "
                    + plan.expectedRows() + (written.equals(expected) ? "" : ", and other coordinates")
                    + "; nothing deleted, the next run plans again");
        }
    }

    List<String> published() {
        return List.copyOf(published);
    }

    long bytes() {
        return bytes;
    }

    long scratchPeak() {
        return scratchPeak;
    }

    /** Fails the merge (before anything is published from it) if the scratch directory holds more than the budget. */
    private void checkScratch() {
        long used;
        try (Stream<Path> files = Files.walk(work)) {
            used = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the scratch directory " + work, e);
        }
        scratchPeak = Math.max(scratchPeak, used);
        if (used > options.scratchBytes()) {
            throw new MergeException("the merge into " + plan.targetKey() + " holds " + used + " bytes in " + work
                    + ", more than MERGE_SCRATCH_BYTES=" + options.scratchBytes() + "; nothing published from it");
        }
    }

    private static void deleteLocal(Path local) {
        try {
            Files.deleteIfExists(local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + local, e);
        }
    }
}
