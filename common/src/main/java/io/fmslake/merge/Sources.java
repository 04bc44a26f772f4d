package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.store.ObjectStore;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.io.InputFile;

/**
 * Opens every input of a plan where it lies (store objects are read as the merge goes, by one GET streaming the
 * object front to back or by ranged GETs, never downloaded into a file) and checks each footer still matches the plan.
 */
final class Sources {
    private Sources() {}

    /** The sources, ordered by their first event time (then by input order). */
    static List<Source> open(ObjectStore store, MergePlan plan, String topic, CrashPoint.Hook hook) {
        List<Source> sources = new ArrayList<>();
        for (MergeInput in : plan.inputs()) {
            InputFile footerFile;
            InputFile file;
            if (in instanceof MergeInput.StoreFile sf) {
                footerFile = new StoreInputFile(store, sf.object());
                file = StoreInputFile.streaming(store, sf.object());
            } else {
                footerFile = LocalFiles.input(((MergeInput.LocalFile) in).path());
                file = footerFile;
            }
            FileFooter footer;
            try {
                footer = FileFooter.read(footerFile);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                throw new MergeException("cannot read " + in + ": " + e.getMessage(), e);
            }
            if (!sameContent(footer, in)) {
                throw new MergeException(in + " changed since it was planned (footer "
                        + footer.summary().rows() + " rows, planned "
                        + in.summary().rows() + "); plan again");
            }
            if (!topic.equals(footer.summary().topic())) {
                throw new MergeException(
                        in + " holds topic '" + footer.summary().topic() + "', the lake is for '" + topic + "'");
            }
            sources.add(new Source(in, file, footer));
            if (sources.size() == 1) {
                hook.reached(CrashPoint.READING);
            }
        }
        sources.sort(Comparator.comparingLong(Source::minEventTime));
        return sources;
    }

    private static boolean sameContent(FileFooter footer, MergeInput in) {
        return footer.summary().rows() == in.summary().rows()
                && footer.rowCount() == in.summary().rows()
                && footer.summary().offsets().equals(in.summary().offsets());
    }
}
