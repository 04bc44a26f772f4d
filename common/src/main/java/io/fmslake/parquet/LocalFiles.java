package io.fmslake.parquet;

import java.nio.file.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/** Parquet files on the local disk, without Hadoop's FileSystem. */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** A FileChannel-backed input file (bulk reads are single positional reads). */
    public static InputFile input(Path path) {
        throw new UnsupportedOperationException("not yet");
    }

    /** An output file that creates or overwrites {@code path}. */
    public static OutputFile output(Path path) {
        throw new UnsupportedOperationException("not yet");
    }
}
