package io.fmslake.parquet;

import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet input over bytes in memory (e.g. a file just written to a {@link MemoryOutputFile}). */
public final class MemoryInputFile implements InputFile {
    private final byte[] bytes;

    public MemoryInputFile(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new BufferedSeekableStream(
                new RandomAccess() {
                    @Override
                    public long length() {
                        return bytes.length;
                    }

                    @Override
                    public int read(long position, byte[] b, int off, int len) {
                        if (position >= bytes.length) {
                            return -1;
                        }
                        int n = (int) Math.min(len, bytes.length - position);
                        System.arraycopy(bytes, (int) position, b, off, n);
                        return n;
                    }

                    @Override
                    public void close() {}
                },
                8 * 1024);
    }
}
