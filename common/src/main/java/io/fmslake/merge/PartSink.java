package io.fmslake.merge;

import org.apache.parquet.io.OutputFile;

/**
 * Where a merge strategy writes its output: one local file at a time, each closed (and published) before the next
 * is opened. A strategy cuts a file once it reaches {@link #targetBytes()}.
 */
interface PartSink {
    /** A new local file for the next part. */
    OutputFile open();

    /** The file last opened is complete; {@code more} tells whether another part follows. */
    void close(boolean more);

    /** The size at which a part is cut. */
    long targetBytes();
}
