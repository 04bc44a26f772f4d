package io.fmslake.row;

/**
 * Walks one packed payload ({@link PackedJson}) value by value, for a writer that consumes the values where they
 * lie instead of unpacking them into a {@link JsonObject}: numbers are read without boxing, UTF-8 text is handed out
 * as a range of the packed bytes. The caller follows the layout: {@link #reset} starts at the payload's top object,
 * whose field count {@link #count()} reads; then per field {@link #nameId()} (and {@link #inlineName()} when it is
 * -1), then {@link #tag()} and the value's body by its tag: {@link #longValue()}, {@link #doubleValue()},
 * {@link #utf8Length()} then {@link #skip} over the text, {@link #utf16Text()}, {@link #count()} and that many fields
 * (OBJECT) or values (LIST), or {@link #value(int)} for the whole value as a decoded JSON value. Reusable, not
 * thread-safe.
 */
public final class PackedReader {
    public static final int NULL = PackedJson.NULL;
    public static final int FALSE = PackedJson.FALSE;
    public static final int TRUE = PackedJson.TRUE;
    public static final int LONG = PackedJson.LONG;
    public static final int DOUBLE = PackedJson.DOUBLE;
    public static final int UTF8 = PackedJson.UTF8;
    /** Text with surrogates, kept as UTF-16 (read with {@link #utf16Text()}). */
    public static final int UTF16 = PackedJson.UTF16;

    public static final int OBJECT = PackedJson.OBJECT;
    public static final int LIST = PackedJson.LIST;

    private final PackedJson codec;
    private final NameTable names;
    private final PackedIn in = new PackedIn(new byte[0]);

    PackedReader(PackedJson codec, NameTable names) {
        this.codec = codec;
        this.names = names;
    }

    /** Starts on a payload packed by this reader's codec, before its top object's field count. */
    public void reset(byte[] packed) {
        in.reset(packed);
    }

    /** True when the whole payload has been read. */
    public boolean atEnd() {
        return in.position() == in.buffer().length;
    }

    /** The field count of an object, or the item count of a list. */
    public int count() {
        return in.count();
    }

    /** The number of the next field's name, or -1 when the name is written inline (then read {@link #inlineName()}). */
    public int nameId() {
        long ref = in.varint();
        if (ref < 0 || ref > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("packed payload: bad field name number at byte " + in.position());
        }
        return (int) ref - 1;
    }

    /** The name of a field name number (the very instance the table registered). */
    public String name(int id) {
        return names.nameOf(id);
    }

    /** The inline name that follows a {@link #nameId()} of -1. */
    public String inlineName() {
        if (value(tag()) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("packed payload: a field name that is no text at byte " + in.position());
    }

    /** The next value's tag: one of the constants of this class. */
    public int tag() {
        return in.get();
    }

    /** The body of a LONG value. */
    public long longValue() {
        long z = in.varint();
        return (z >>> 1) ^ -(z & 1);
    }

    /** The body of a DOUBLE value. */
    public double doubleValue() {
        return Double.longBitsToDouble(in.fixed64());
    }

    /** The byte length of a UTF8 value's text, which starts at {@link #position()} in {@link #buffer()}. */
    public int utf8Length() {
        return in.count();
    }

    /** The body of a UTF16 value. */
    public String utf16Text() {
        return in.utf16();
    }

    /** The packed bytes being read (the array given to {@link #reset}; do not modify it). */
    public byte[] buffer() {
        return in.buffer();
    }

    public int position() {
        return in.position();
    }

    /** Skips {@code n} bytes (the text after {@link #utf8Length()}). */
    public void skip(int n) {
        in.seek(in.position() + n);
    }

    /** Skips the body of a value with this tag (what {@link #value(int)} would read). */
    public void skipValue(int tag) {
        switch (tag) {
            case LONG -> in.varint();
            case DOUBLE -> skip(8);
            case UTF8 -> skip(in.count());
            case UTF16 -> skip(2 * in.count());
            case OBJECT -> {
                for (int i = 0, n = count(); i < n; i++) {
                    if (nameId() < 0) {
                        skipValue(tag());
                    }
                    skipValue(tag());
                }
            }
            case LIST -> {
                for (int i = 0, n = count(); i < n; i++) {
                    skipValue(tag());
                }
            }
            case NULL, FALSE, TRUE -> {}
            default ->
                throw new IllegalArgumentException(
                        "packed payload: unknown tag " + tag + " at byte " + (in.position() - 1));
        }
    }

    /** Goes back to a {@link #position()} read earlier in the same payload. */
    public void seek(int position) {
        in.seek(position);
    }

    /** The body of a value with this tag, decoded (null, Boolean, Long, Double, String, JsonObject or List). */
    public Object value(int tag) {
        return codec.readValue(in, (byte) tag);
    }
}
