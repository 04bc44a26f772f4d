package io.fmslake.backfill.spill;

import io.fmslake.parquet.FileSummary;
import io.fmslake.merge.MergeInput;
import io.fmslake.window.Window;
import java.nio.file.Path;

/**
 * One sorted run on the local disk: a lake Parquet file (sorted by event time, partition, offset, with the lake
 * footer) holding rows of one routed window.
 *
 * @param window  the window the rows were routed to
 * @param file    the local file
 * @param summary what the file holds (rows, coordinates, event-time range)
 * @param bytes   the file's size
 */
public record SpillRun(Window window, Path file, FileSummary summary, long bytes) {
    /** The run as an extra input of a merge: read in place, never deleted by the merge. */
    public MergeInput.LocalFile asMergeInput() {
        return new MergeInput.LocalFile(file, summary);
    }
}
