package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import org.apache.parquet.io.InputFile;

/** A merge input opened for reading (from the store by ranged reads, or a local file), with its footer. */
record Source(MergeInput input, InputFile file, FileFooter footer) {
    long minEventTime() {
        return footer.summary().minEventTime();
    }

    long maxEventTime() {
        return footer.summary().maxEventTime();
    }

    long rows() {
        return footer.summary().rows();
    }

    long bytes() {
        return input.bytes();
    }
}
