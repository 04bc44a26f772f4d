package io.fmslake.parquet;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** An in-memory Parquet output. Not thread-safe. */
public final class MemoryOutputFile implements OutputFile {

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    public byte[] toByteArray() {
        throw new UnsupportedOperationException("not yet");
    }

    public long size() {
        throw new UnsupportedOperationException("not yet");
    }
}
