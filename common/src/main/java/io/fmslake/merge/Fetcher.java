package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.store.ObjectStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Makes every input of a plan a local file (downloading store objects into the work directory) and checks it. */
final class Fetcher {
    private final ObjectStore store;
    private final String topic;

    Fetcher(ObjectStore store, String topic) {
        this.store = store;
        this.topic = topic;
    }

    /** The local sources, ordered by their first event time (then by input order). */
    List<Source> fetch(MergePlan plan, Path workDir, CrashPoint.Hook hook) {
        List<Source> sources = new ArrayList<>();
        int n = 0;
        for (MergeInput in : plan.inputs()) {
            Path local;
            if (in instanceof MergeInput.StoreFile sf) {
                local = workDir.resolve("in-" + (n++) + ".parquet");
                store.download(sf.object().key(), local);
            } else {
                local = ((MergeInput.LocalFile) in).path();
            }
            FileFooter footer;
            try {
                footer = FileFooter.read(LocalFiles.input(local));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                throw new MergeException("cannot read " + in + ": " + e.getMessage(), e);
            }
            if (!sameContent(footer, in)) {
                throw new MergeException(in + " changed since it was planned (footer " + footer.summary().rows()
                        + " rows, planned " + in.summary().rows() + "); plan again");
            }
            if (!topic.equals(footer.summary().topic())) {
                throw new MergeException(in + " holds topic '" + footer.summary().topic() + "', the lake is for '"
                        + topic + "'");
            }
            sources.add(new Source(in, local, footer));
            if (sources.size() == 1) {
                hook.reached(CrashPoint.READING);
            }
        }
        sources.sort(Comparator.comparingLong(Source::minEventTime));
        return sources;
    }

    private static boolean sameContent(FileFooter footer, MergeInput in) {
        return footer.summary().rows() == in.summary().rows() && footer.rowCount() == in.summary().rows()
                && footer.summary().offsets().equals(in.summary().offsets());
    }
}
