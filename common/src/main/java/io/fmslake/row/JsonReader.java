package io.fmslake.row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;

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
        int maxString = (int) Math.min(Integer.MAX_VALUE, Math.max(maxBytes, 1024));
        this.factory = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH).maxStringLength(maxString).build())
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
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Failure(io.fmslake.deadletter.DeadLetter.NOT_OBJECT, "JSON " + describe(first)
                        + ", expected an object");
            }
            Scratch scratch = new Scratch();
            JsonObject o = readObject(p, scratch);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new Failure(io.fmslake.deadletter.DeadLetter.NOT_JSON, "content after the object at "
                        + "byte " + p.currentTokenLocation().getByteOffset());
            }
            return o;
        } catch (JsonProcessingException e) {
            throw new Failure(io.fmslake.deadletter.DeadLetter.NOT_JSON, e.getOriginalMessage() + " at byte "
                    + (e.getLocation() == null ? "?" : e.getLocation().getByteOffset()));
        } catch (IOException e) {
            throw new Failure(io.fmslake.deadletter.DeadLetter.NOT_JSON, e.toString());
        }
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
        int n = s.size - base;
        String[] names = Arrays.copyOfRange(s.names, base, s.size);
        Object[] values = Arrays.copyOfRange(s.values, base, s.size);
        s.size = base;
        checkUnique(names, n);
        return new JsonObject(names, values);
    }

    private Object readValue(JsonParser p, JsonToken t, Scratch s) throws IOException, Failure {
        switch (t.id()) {
            case JsonTokenId.ID_STRING:
                return p.getText();
            case JsonTokenId.ID_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : p.getLongValue();
            case JsonTokenId.ID_NUMBER_FLOAT:
                return readFloat(p);
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
                throw new Failure(io.fmslake.deadletter.DeadLetter.NOT_JSON, "unexpected token " + t);
        }
    }

    private static Object readFloat(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
            return p.getText();
        }
        if (significantDigits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) <= 15
                && Math.abs(d) >= Double.MIN_NORMAL) {
            return d;
        }
        String text = p.getText();
        return new BigDecimal(text).compareTo(new BigDecimal(Double.toString(d))) == 0 ? d : text;
    }

    /** Digits of the mantissa without leading zeros (trailing zeros count: a safe over-estimate). */
    private static int significantDigits(char[] text, int offset, int length) {
        int n = 0;
        boolean leading = true;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = text[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9' && (c != '0' || !leading)) {
                leading = false;
                n++;
            }
        }
        return n;
    }

    /**
     * Duplicate names: a 64-bit mask of name hashes finds candidates, only those are compared (names are
     * usually canonical instances, so {@code equals} mostly succeeds on identity).
     */
    private static void checkUnique(String[] names, int n) throws Failure {
        if (n > 64) {
            java.util.Set<String> seen = new java.util.HashSet<>(n * 2);
            for (String name : names) {
                if (!seen.add(name)) {
                    throw duplicate(name);
                }
            }
            return;
        }
        long mask = 0;
        for (int i = 0; i < n; i++) {
            long bit = 1L << (names[i].hashCode() & 63);
            if ((mask & bit) != 0) {
                for (int j = 0; j < i; j++) {
                    if (names[i].equals(names[j])) {
                        throw duplicate(names[i]);
                    }
                }
            }
            mask |= bit;
        }
    }

    private static Failure duplicate(String name) {
        return new Failure(io.fmslake.deadletter.DeadLetter.DUPLICATE_KEY,
                "field '" + name + "' appears twice in one object");
    }

    /** A stack of fields and values shared by the objects and arrays of one parse. */
    private static final class Scratch {
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
