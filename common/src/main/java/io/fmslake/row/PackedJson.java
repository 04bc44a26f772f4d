package io.fmslake.row;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A compact, lossless binary form of a decoded payload ({@link JsonObject}), for rows that wait in memory or in a
 * spill file. Reading it back is several times cheaper than parsing the JSON again: no tokenizing, no number
 * parsing, no name lookup. Field names are small numbers from a {@link NameTable} (the same name instances come
 * back, so shape caches keyed by identity keep working), or inline text once the table is full.
 *
 * <pre>
 * object = varint(field count), then per field: name, value
 * name   = varint(id + 1) | 0, varint(byte length), UTF-8 bytes
 * value  = 0 null | 1 false | 2 true | 3 zigzag varint long | 4 8-byte double bits
 *        | 5 varint(byte length), UTF-8 bytes | 6 varint(char count), UTF-16 chars (text with surrogates)
 *        | 7 object | 8 varint(item count), values
 * </pre>
 * Thread-safe.
 */
public final class PackedJson {
    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte UTF8 = 5;
    private static final byte UTF16 = 6;
    private static final byte OBJECT = 7;
    private static final byte LIST = 8;

    private static final PackedJson DEFAULT = new PackedJson(new NameTable(NameTable.DEFAULT_CAPACITY));

    private final NameTable names;

    PackedJson(NameTable names) {
        this.names = names;
    }

    /** The codec every row of this process uses (one name table per process). */
    public static PackedJson standard() {
        return DEFAULT;
    }

    public byte[] pack(JsonObject payload) {
        Out out = new Out();
        writeObject(out, payload);
        return out.toByteArray();
    }

    public JsonObject unpack(byte[] packed) {
        In in = new In(packed);
        JsonObject o = readObject(in);
        if (in.pos != packed.length) {
            throw new IllegalArgumentException("packed payload has " + (packed.length - in.pos) + " trailing bytes");
        }
        return o;
    }

    private void writeObject(Out out, JsonObject o) {
        out.varint(o.size());
        for (int i = 0; i < o.size(); i++) {
            String name = o.name(i);
            int id = names.idOf(name);
            if (id >= 0) {
                out.varint(id + 1L);
            } else {
                out.varint(0);
                out.utf8(name.getBytes(StandardCharsets.UTF_8));
            }
            writeValue(out, o.value(i));
        }
    }

    private void writeValue(Out out, Object v) {
        if (v == null) {
            out.put(NULL);
        } else if (v instanceof String s) {
            if (hasSurrogate(s)) {
                out.put(UTF16);
                out.varint(s.length());
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    out.put((byte) (c >>> 8));
                    out.put((byte) c);
                }
            } else {
                out.put(UTF8);
                out.utf8(s.getBytes(StandardCharsets.UTF_8));
            }
        } else if (v instanceof Long l) {
            out.put(LONG);
            long x = l;
            out.varint((x << 1) ^ (x >> 63));
        } else if (v instanceof Double d) {
            out.put(DOUBLE);
            out.fixed64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Boolean b) {
            out.put(b ? TRUE : FALSE);
        } else if (v instanceof JsonObject o) {
            out.put(OBJECT);
            writeObject(out, o);
        } else if (v instanceof List<?> list) {
            out.put(LIST);
            out.varint(list.size());
            for (Object e : list) {
                writeValue(out, e);
            }
        } else {
            throw new IllegalArgumentException("not a decoded JSON value: " + v.getClass().getName());
        }
    }

    /** Text with a surrogate (a lone one would not survive UTF-8) is kept as UTF-16. */
    private static boolean hasSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private JsonObject readObject(In in) {
        int n = in.count();
        String[] ns = new String[n];
        Object[] vs = new Object[n];
        for (int i = 0; i < n; i++) {
            long ref = in.varint();
            ns[i] = ref == 0 ? in.utf8() : names.nameOf((int) (ref - 1));
            vs[i] = readValue(in);
        }
        return new JsonObject(ns, vs);
    }

    private Object readValue(In in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case LONG:
                long z = in.varint();
                return (z >>> 1) ^ -(z & 1);
            case DOUBLE:
                return Double.longBitsToDouble(in.fixed64());
            case UTF8:
                return in.utf8();
            case UTF16:
                char[] cs = new char[in.count()];
                for (int i = 0; i < cs.length; i++) {
                    cs[i] = (char) (((in.get() & 0xff) << 8) | (in.get() & 0xff));
                }
                return new String(cs);
            case OBJECT:
                return readObject(in);
            case LIST:
                Object[] items = new Object[in.count()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = readValue(in);
                }
                return Arrays.asList(items);
            default:
                throw new IllegalArgumentException("packed payload: unknown tag " + tag + " at byte " + (in.pos - 1));
        }
    }

    /** A growing byte buffer. */
    private static final class Out {
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

    /** A cursor over packed bytes. */
    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
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
}
