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

    int size() {
        return size;
    }

    /** Puts a placeholder byte for a count known later ({@link #count}); returns its position. */
    int reserve() {
        put((byte) 0);
        return size - 1;
    }

    /**
     * Writes {@code n} as a varint at a position {@link #reserve() reserved} for it, moving what follows when the
     * varint needs more than the one byte reserved (the same bytes as if it had been written first).
     */
    void count(int at, int n) {
        if (n < 0x80) {
            buf[at] = (byte) n;
            return;
        }
        int length = 1;
        for (long v = n >>> 7; v != 0; v >>>= 7) {
            length++;
        }
        ensure(length - 1);
        System.arraycopy(buf, at + 1, buf, at + length, size - at - 1);
        size += length - 1;
        long v = n;
        for (int i = at; i < at + length - 1; i++) {
            buf[i] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at + length - 1] = (byte) v;
    }

    /**
     * Text from a char range as {@link PackedJson} writes a String: UTF-8 (tag, byte length, bytes), or, when it holds
     * a surrogate, UTF-16 (tag, char count, chars).
     */
    void text(char[] cs, int off, int len, byte utf8Tag, byte utf16Tag) {
        int bytes = 0;
        for (int i = off, end = off + len; i < end; i++) {
            char c = cs[i];
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                put(utf16Tag);
                varint(len);
                ensure(2 * len);
                for (int j = off; j < end; j++) {
                    buf[size++] = (byte) (cs[j] >>> 8);
                    buf[size++] = (byte) cs[j];
                }
                return;
            } else {
                bytes += 3;
            }
        }
        put(utf8Tag);
        varint(bytes);
        ensure(bytes);
        for (int i = off, end = off + len; i < end; i++) {
            char c = cs[i];
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buf[size++] = (byte) (0xE0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            }
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
