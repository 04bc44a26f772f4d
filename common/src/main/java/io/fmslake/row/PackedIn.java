package io.fmslake.row;

import java.nio.charset.StandardCharsets;

/** A cursor over packed bytes that {@link PackedJson} reads. Not thread-safe. */
final class PackedIn {
    private byte[] buf;
    private int pos;

    PackedIn(byte[] buf) {
        this.buf = buf;
    }

    /** Starts over on other bytes. */
    void reset(byte[] bytes) {
        this.buf = bytes;
        this.pos = 0;
    }

    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    byte get() {
        return buf[pos++];
    }

    long varint() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    int count() {
        long n = varint();
        if (n < 0 || n > buf.length - pos + 1L) {
            throw new IllegalArgumentException("packed payload: count " + n + " at byte " + pos);
        }
        return (int) n;
    }

    long fixed64() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    /** Text with surrogates: a char count, then each char as two bytes (big-endian). */
    String utf16() {
        char[] cs = new char[count()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = (char) (((get() & 0xff) << 8) | (get() & 0xff));
        }
        return new String(cs);
    }

    String utf8() {
        int n = count();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
