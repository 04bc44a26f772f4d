package io.fmslake.row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.fmslake.deadletter.DeadLetter;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one JSON object with Jackson's streaming parser straight into its packed form, with no object tree in
 * between: the rules and failures of {@link JsonReader} (numbers, nesting, duplicate names, trailing content), and the
 * very bytes {@link PackedJson#pack} makes of the object {@link JsonReader} would build. On the way it keeps the value
 * of the event-time field: the top-level field of that exact name, else (for a dotted name) the nested field
 * {@code a.b.c}, as the decoded value would be (an object or array only as its kind). Thread-safe (state per call).
 */
final class JsonPacker {
    private static final JsonObject AN_OBJECT = new JsonObject(new String[0], new Object[0]);
    private static final List<Object> AN_ARRAY = List.of();

    private final JsonFactory factory;
    private final PackedJson codec;
    private final String field;
    private final String[] path;

    /** @param eventTimeField the field whose value {@link Packed#eventValue()} gives, or null */
    JsonPacker(long maxBytes, PackedJson codec, String eventTimeField) {
        this.factory = JsonReader.factory(maxBytes);
        this.codec = codec;
        this.field = eventTimeField;
        this.path = eventTimeField != null && eventTimeField.indexOf('.') >= 0 ? eventTimeField.split("\\.", -1) : null;
    }

    /** A packed payload and the event-time field's value (null when absent, JSON null, or no field is set). */
    record Packed(byte[] payload, Object eventValue) {}

    Packed pack(byte[] bytes) throws JsonReader.Failure {
        try (JsonParser p = factory.createParser(bytes)) {
            JsonReader.expectObject(p);
            Call c = new Call();
            readObject(p, c, true, path == null ? -1 : 0);
            JsonReader.expectEnd(p);
            return new Packed(c.out.toByteArray(), c.top != null ? c.top : c.nested);
        } catch (JsonProcessingException e) {
            throw JsonReader.notJson(e);
        } catch (IOException e) {
            throw new JsonReader.Failure(DeadLetter.NOT_JSON, e.toString());
        }
    }

    /**
     * Packs the fields of an object whose START_OBJECT has been read.
     *
     * @param match how many parts of the dotted path the objects down to this one matched (-1: off the path)
     */
    private void readObject(JsonParser p, Call c, boolean top, int match) throws IOException, JsonReader.Failure {
        int at = c.out.reserve();
        int base = c.size;
        String name;
        while ((name = p.nextFieldName()) != null) {
            c.push(name);
            codec.writeName(c.out, name);
            boolean isTop = top && name.equals(field);
            boolean onPath = match >= 0 && name.equals(path[match]);
            boolean isNested = onPath && match == path.length - 1;
            Object v = readValue(p, p.nextToken(), c, onPath && !isNested ? match + 1 : -1, isTop || isNested);
            if (isTop) {
                c.top = v;
            }
            if (isNested) {
                c.nested = v;
            }
        }
        JsonReader.checkUnique(c.names, base, c.size);
        c.out.count(at, c.size - base);
        c.size = base;
    }

    /** Packs one value; returns it decoded when {@code keep} (else null, without making a String of text). */
    private Object readValue(JsonParser p, JsonToken t, Call c, int match, boolean keep)
            throws IOException, JsonReader.Failure {
        PackedOut out = c.out;
        switch (t.id()) {
            case JsonTokenId.ID_STRING:
                if (keep) {
                    String s = p.getText();
                    PackedJson.writeText(out, s);
                    return s;
                }
                out.text(
                        p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), PackedJson.UTF8, PackedJson.UTF16);
                return null;
            case JsonTokenId.ID_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    String s = p.getText();
                    PackedJson.writeText(out, s);
                    return s;
                }
                long x = p.getLongValue();
                out.put(PackedJson.LONG);
                out.varint((x << 1) ^ (x >> 63));
                return keep ? x : null;
            case JsonTokenId.ID_NUMBER_FLOAT:
                Object f = JsonNumbers.readFloat(p);
                if (f instanceof Double d) {
                    out.put(PackedJson.DOUBLE);
                    out.fixed64(Double.doubleToRawLongBits(d));
                } else {
                    PackedJson.writeText(out, (String) f);
                }
                return f;
            case JsonTokenId.ID_TRUE:
                out.put(PackedJson.TRUE);
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                out.put(PackedJson.FALSE);
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                out.put(PackedJson.NULL);
                return null;
            case JsonTokenId.ID_START_OBJECT:
                out.put(PackedJson.OBJECT);
                readObject(p, c, false, match);
                return AN_OBJECT;
            case JsonTokenId.ID_START_ARRAY:
                out.put(PackedJson.LIST);
                int at = out.reserve();
                int n = 0;
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    readValue(p, e, c, -1, false);
                    n++;
                }
                out.count(at, n);
                return AN_ARRAY;
            default:
                throw new JsonReader.Failure(DeadLetter.NOT_JSON, "unexpected token " + t);
        }
    }

    /** One call's state: the output, the names of the open objects (for the duplicate check), the values kept. */
    private static final class Call {
        final PackedOut out = new PackedOut();
        String[] names = new String[32];
        int size;
        Object top;
        Object nested;

        void push(String name) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            names[size++] = name;
        }
    }
}
