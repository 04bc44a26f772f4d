package io.fmslake.row;

import java.util.Arrays;

/** A growing byte buffer that {@link PackedJson} writes into. Not thread-safe. */
final class PackedOut {
    private byte[] buf = new byte[256];
    private int size;

    void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void fixed64(long v) {
        ensure(8);
        for (int i = 56; i >= 0; i -= 8) {
            buf[size++] = (byte) (v >>> i);
        }
    }

    void utf8(byte[] bytes) {
        varint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
