package io.fmslake.row;

import java.nio.charset.StandardCharsets;

/** A cursor over packed bytes that {@link PackedJson} reads. Not thread-safe. */
final class PackedIn {
    private final byte[] buf;
    private int pos;

    PackedIn(byte[] buf) {
        this.buf = buf;
    }

    int position() {
        return pos;
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

    String utf8() {
        int n = count();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
