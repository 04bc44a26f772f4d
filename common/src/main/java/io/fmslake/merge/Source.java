package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import java.nio.file.Path;

/** A merge input available as a local file, with its footer read from that file. */
record Source(MergeInput input, Path path, FileFooter footer) {
    long minEventTime() {
        return footer.summary().minEventTime();
    }

    long maxEventTime() {
        return footer.summary().maxEventTime();
    }

    long rows() {
        return footer.summary().rows();
    }
}
