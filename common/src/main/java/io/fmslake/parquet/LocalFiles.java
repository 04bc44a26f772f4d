package io.fmslake.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** Parquet files on the local disk, without Hadoop's FileSystem. */
public final class LocalFiles {
    private static final int BUFFER = 64 * 1024;

    private LocalFiles() {}

    /** A FileChannel-backed input file: bulk reads are single positional reads, small ones are buffered. */
    public static InputFile input(Path path) {
        return new InputFile() {
            @Override
            public long getLength() throws IOException {
                return Files.size(path);
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return new BufferedSeekableStream(
                        new ChannelAccess(FileChannel.open(path, StandardOpenOption.READ)), BUFFER);
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }

    /** An output file that creates or overwrites {@code path} (both {@code create} and {@code createOrOverwrite}). */
    public static OutputFile output(Path path) {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                return createOrOverwrite(blockSizeHint);
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(
                                path,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE),
                        BUFFER);
                return new CountingOutputStream(out);
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }

            @Override
            public String getPath() {
                return path.toString();
            }
        };
    }

    private record ChannelAccess(FileChannel channel) implements RandomAccess {
        @Override
        public long length() throws IOException {
            return channel.size();
        }

        @Override
        public int read(long position, byte[] b, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(b, off, len), position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class CountingOutputStream extends PositionOutputStream {
        private final OutputStream out;
        private long pos;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            pos += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
