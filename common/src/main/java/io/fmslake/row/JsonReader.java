package io.fmslake.row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.fmslake.deadletter.DeadLetter;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses one JSON object with Jackson's streaming parser straight into a {@link JsonObject} (no tree).
 * Numbers: an integer within int64 is a Long, a larger one its JSON text (a String, so nothing is lost);
 * a number with a fraction or exponent is a Double when the double holds its value exactly as written
 * (at most 15 significant digits, or the double's shortest form equals it), else its JSON text.
 * Nesting deeper than {@value #MAX_DEPTH} is refused. Thread-safe (the factory is; parsing state is per call).
 */
final class JsonReader {
    static final int MAX_DEPTH = 200;

    private final JsonFactory factory;

    JsonReader(long maxBytes) {
        this.factory = factory(maxBytes);
    }

    /** Jackson's parser factory with the decoder's limits (nesting, string length). */
    static JsonFactory factory(long maxBytes) {
        int maxString = (int) Math.min(Integer.MAX_VALUE, Math.max(maxBytes, 1024));
        return JsonFactory.builder()
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(maxString)
                        .build())
                .build();
    }

    /** A payload that is no JSON object: the dead-letter reason and detail. */
    static final class Failure extends Exception {
        private final String reason;

        Failure(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    JsonObject parse(byte[] bytes) throws Failure {
        try (JsonParser p = factory.createParser(bytes)) {
            expectObject(p);
            JsonObject o = readObject(p, new Scratch());
            expectEnd(p);
            return o;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new Failure(DeadLetter.NOT_JSON, e.toString());
        }
    }

    /** Reads the first token: a payload must be an object. */
    static void expectObject(JsonParser p) throws IOException, Failure {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new Failure(DeadLetter.NOT_OBJECT, "JSON " + describe(first) + ", expected an object");
        }
    }

    /** After the object: nothing but whitespace. */
    static void expectEnd(JsonParser p) throws IOException, Failure {
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new Failure(
                    DeadLetter.NOT_JSON,
                    "content after the object at " + "byte "
                            + p.currentTokenLocation().getByteOffset());
        }
    }

    static Failure notJson(JsonProcessingException e) {
        return new Failure(
                DeadLetter.NOT_JSON,
                e.getOriginalMessage() + " at byte "
                        + (e.getLocation() == null ? "?" : e.getLocation().getByteOffset()));
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "with no value";
        }
        return switch (t) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.asString();
        };
    }

    private JsonObject readObject(JsonParser p, Scratch s) throws IOException, Failure {
        int base = s.size;
        String name;
        while ((name = p.nextFieldName()) != null) {
            s.push(name, readValue(p, p.nextToken(), s));
        }
        checkUnique(s.names, base, s.size);
        String[] names = Arrays.copyOfRange(s.names, base, s.size);
        Object[] values = Arrays.copyOfRange(s.values, base, s.size);
        s.size = base;
        return new JsonObject(names, values);
    }

    private Object readValue(JsonParser p, JsonToken t, Scratch s) throws IOException, Failure {
        switch (t.id()) {
            case JsonTokenId.ID_STRING:
                return p.getText();
            case JsonTokenId.ID_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : p.getLongValue();
            case JsonTokenId.ID_NUMBER_FLOAT:
                return JsonNumbers.readFloat(p);
            case JsonTokenId.ID_TRUE:
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                return null;
            case JsonTokenId.ID_START_OBJECT:
                return readObject(p, s);
            case JsonTokenId.ID_START_ARRAY:
                int base = s.size;
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    s.push(null, readValue(p, e, s));
                }
                Object[] items = Arrays.copyOfRange(s.values, base, s.size);
                s.size = base;
                return Arrays.asList(items);
            default:
                throw new Failure(DeadLetter.NOT_JSON, "unexpected token " + t);
        }
    }

    /**
     * Duplicate names: a 64-bit mask of name hashes finds candidates, only those are compared (names are
     * usually canonical instances, so {@code equals} mostly succeeds on identity).
     */
    static void checkUnique(String[] names, int from, int to) throws Failure {
        if (to - from > 64) {
            Set<String> seen = new HashSet<>((to - from) * 2);
            for (int i = from; i < to; i++) {
                if (!seen.add(names[i])) {
                    throw duplicate(names[i]);
                }
            }
            return;
        }
        long mask = 0;
        for (int i = from; i < to; i++) {
            long bit = 1L << (names[i].hashCode() & 63);
            if ((mask & bit) != 0) {
                for (int j = from; j < i; j++) {
                    if (names[i].equals(names[j])) {
                        throw duplicate(names[i]);
                    }
                }
            }
            mask |= bit;
        }
    }

    private static Failure duplicate(String name) {
        return new Failure(DeadLetter.DUPLICATE_KEY, "field '" + name + "' appears twice in one object");
    }

    /** A stack of fields and values shared by the objects and arrays of one parse. */
    static final class Scratch {
        String[] names = new String[32];
        Object[] values = new Object[32];
        int size;

        void push(String name, Object value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
        }
    }
}
