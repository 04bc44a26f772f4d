package io.fmslake.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A seekable stream over {@link RandomAccess} with one read-ahead buffer. Reads at least as large as the
 * buffer go straight to the source; smaller ones are served from the buffer. A miss within the last
 * buffer-length bytes of the source loads the whole tail, so a Parquet footer read (length, then metadata)
 * costs one source read.
 */
final class BufferedSeekableStream extends SeekableInputStream {
    private final RandomAccess source;
    private final long length;
    private final byte[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long pos;

    BufferedSeekableStream(RandomAccess source, int bufferSize) throws IOException {
        this.source = source;
        this.length = source.length();
        this.buffer = new byte[bufferSize];
    }

    @Override
    public long getPos() {
        return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
        if (newPos < 0 || newPos > length) {
            throw new EOFException("seek to " + newPos + " outside 0.." + length);
        }
        pos = newPos;
    }

    @Override
    public int read() throws IOException {
        if (pos >= length) {
            return -1;
        }
        if (!buffered(pos)) {
            fill(pos);
        }
        return buffer[(int) (pos++ - bufferStart)] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        int n;
        if (buffered(pos)) {
            n = Math.min(len, (int) (bufferStart + bufferLength - pos));
            System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
        } else if (len >= buffer.length) {
            n = source.read(pos, b, off, (int) Math.min(len, length - pos));
            if (n < 0) {
                throw new EOFException("source ended at " + pos + " before its length " + length);
            }
        } else {
            fill(pos);
            n = Math.min(len, (int) (bufferStart + bufferLength - pos));
            System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
        }
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.max(0, Math.min(n, length - pos));
        pos += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - pos);
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = read(b, off, len);
            if (n < 0) {
                throw new EOFException("reached the end at " + pos + " with " + len + " bytes left to read");
            }
            off += n;
            len -= n;
        }
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
        if (buf.hasArray()) {
            int n = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            if (n > 0) {
                buf.position(buf.position() + n);
            }
            return n;
        }
        byte[] tmp = new byte[Math.min(buf.remaining(), 1 << 20)];
        int n = read(tmp, 0, tmp.length);
        if (n > 0) {
            buf.put(tmp, 0, n);
        }
        return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (read(buf) < 0) {
                throw new EOFException("reached the end at " + pos + " with " + buf.remaining() + " bytes left");
            }
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private boolean buffered(long p) {
        return p >= bufferStart && p < bufferStart + bufferLength;
    }

    private void fill(long p) throws IOException {
        long start = length - p <= buffer.length ? Math.max(0, length - buffer.length) : p;
        int want = (int) Math.min(buffer.length, length - start);
        int got = 0;
        while (got < want) {
            int n = source.read(start + got, buffer, got, want - got);
            if (n < 0) {
                throw new EOFException("source ended at " + (start + got) + " before its length " + length);
            }
            got += n;
        }
        bufferStart = start;
        bufferLength = got;
    }
}
