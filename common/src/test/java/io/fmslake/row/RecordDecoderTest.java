package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.schema.LakeSchema;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordDecoderTest {
    private static final long TS = 1_749_727_353_123L;
    private final RecordDecoder decoder =
            new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());

    private Decoded decode(byte[] value) {
        return decoder.decode(4, 77, TS, "k".getBytes(StandardCharsets.UTF_8), value);
    }

    private DeadLetter dead(byte[] value, String reason) {
        DeadLetter d = assertInstanceOf(DeadLetter.class, decode(value));
        assertEquals(reason, d.reason(), d.detail());
        assertEquals(4, d.partition());
        assertEquals(77, d.offset());
        assertEquals(TS, d.kafkaTimestamp());
        assertArrayEquals(value, d.value());
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), d.key());
        return d;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anObjectBecomesARow() {
        Row row = assertInstanceOf(Row.class, decode(utf8("{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"é\"}}")));
        assertEquals(4, row.partition());
        assertEquals(77, row.offset());
        assertEquals(TS, row.kafkaTimestamp());
        assertEquals(TS, row.eventTime());
        assertEquals("k", row.key());
        assertEquals(0, row.ingestTime());
        assertEquals(
                new JsonObject(new String[] {"a", "b", "c"}, new Object[] {
                    1L, Arrays.asList(true, null), new JsonObject(new String[] {"d"}, new Object[] {"é"})
                }),
                row.payload());
        assertNull(((Row) decoder.decode(0, 0, TS, null, utf8("{}"))).key());
    }

    @Test
    void aLargeMessageIsTooLarge() {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        DeadLetter d = dead(big, "too_large");
        assertTrue(d.detail().contains("5242880 bytes"), d.detail());
        Row ok = assertInstanceOf(
                Row.class,
                new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 8L << 20, Optional.empty())
                        .decode(0, 0, TS, null, big));
        assertEquals(0, ok.payload().size());
    }

    @Test
    void invalidUtf8() {
        dead(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}, "invalid_utf8");
        dead(new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'}, "invalid_utf8"); // overlong NUL
        dead(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, "invalid_utf8"); // surrogate
        dead(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, "invalid_utf8");
        dead(new byte[] {'{', '}', (byte) 0xFF}, "invalid_utf8");
        DeadLetter d = dead(new byte[] {'{', '"', (byte) 0xE2, (byte) 0x82}, "invalid_utf8");
        assertEquals("invalid UTF-8 at byte 2", d.detail());
        assertInstanceOf(Row.class, decode(utf8("{\"온도\":\"🚚 é €\"}")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[1,2,3]|not_object|JSON array, expected an object",
                "42|not_object|JSON number, expected an object",
                "\"text\"|not_object|JSON string, expected an object",
                "true|not_object|JSON boolean, expected an object",
                "null|not_object|JSON null, expected an object",
                "{\"a\":1|not_json|",
                "{\"a\":[1,2|not_json|",
                "{\"a\":\"unterminated|not_json|",
                "{\"a\" 1}|not_json|",
                "{a:1}|not_json|",
                "{\"a\":1}{\"b\":2}|not_json|content after the object at byte 7",
                "{\"a\":1} x|not_json|",
                "{\"a\":NaN}|not_json|",
                "{\"a\":01}|not_json|",
                "hello|not_json|",
                "{\"a\":1,\"a\":2}|duplicate_key|field 'a' appears twice in one object",
                "{\"o\":{\"b\":1,\"b\":null}}|duplicate_key|field 'b' appears twice in one object",
            })
    void notAnObject(String json, String reason, String detail) {
        DeadLetter d = dead(utf8(json), reason);
        if (detail != null) {
            assertEquals(detail, d.detail());
        }
    }

    @Test
    void emptyTombstoneWhitespaceAndControlCharacters() {
        dead(new byte[0], "empty");
        DeadLetter tomb = assertInstanceOf(DeadLetter.class, decoder.decode(1, 2, TS, null, null));
        assertEquals("tombstone", tomb.reason());
        assertNull(tomb.value());
        dead(utf8("   "), "not_object");
        dead(utf8("{\"a\":\"tab\there\"}"), "not_json");
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        DeadLetter d = dead(utf8(deep), "not_json");
        assertTrue(d.detail().contains("depth"), d.detail());
        String ok = "{\"a\":".repeat(150) + "1" + "}".repeat(150);
        assertInstanceOf(Row.class, decode(utf8(ok)));
        dead(utf8("[".repeat(100_000)), "not_object");
    }

    @Test
    void numbersKeepTheirValue() {
        JsonObject p = ((Row) decode(utf8("{\"i\":-42,\"max\":9223372036854775807,\"big\":92233720368547758070,"
                        + "\"d\":0.1,\"e\":1e-7,\"third\":0.3333333333333333,\"pi\":3.14159265358979323846,"
                        + "\"inf\":1e400,\"tiny\":1e-400,\"negzero\":-0.0,\"exp\":6.02E23}")))
                .payload();
        assertEquals(-42L, p.get("i"));
        assertEquals(Long.MAX_VALUE, p.get("max"));
        assertEquals("92233720368547758070", p.get("big"));
        assertEquals(0.1, p.get("d"));
        assertEquals(1e-7, p.get("e"));
        assertEquals(0.3333333333333333, p.get("third"));
        assertEquals("3.14159265358979323846", p.get("pi"));
        assertEquals("1e400", p.get("inf"));
        assertEquals("1e-400", p.get("tiny"));
        assertEquals(-0.0, p.get("negzero"));
        assertEquals(6.02e23, p.get("exp"));
    }

    @Test
    void strictModeMakesSchemaMismatches() {
        LakeSchema strict = LakeSchema.fromAvroText("{\"type\":\"record\",\"name\":\"r\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"v\",\"type\":[\"null\",\"double\"]}]}");
        RecordDecoder d = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.of(strict));
        assertInstanceOf(Row.class, d.decode(0, 1, TS, null, utf8("{\"id\":\"x\",\"v\":1}")));
        DeadLetter bad = assertInstanceOf(DeadLetter.class, d.decode(0, 2, TS, null, utf8("{\"id\":1}")));
        assertEquals("schema_mismatch", bad.reason());
        assertEquals("field 'id': expected string, got integer 1", bad.detail());
        DeadLetter extra = assertInstanceOf(DeadLetter.class, d.decode(0, 3, TS, null, utf8("{\"id\":\"x\",\"w\":2}")));
        assertEquals("field 'w' is not in the schema", extra.detail());
    }

    @Test
    void noExceptionEscapesForArbitraryBytes() {
        Random random = new Random(11);
        List<String> seeds = List.of("{\"a\":1,\"b\":[1,2,{\"c\":\"x\"}],\"d\":null}", "{\"온도\":\"🚚\",\"n\":-1.5e3}");
        for (int i = 0; i < 20_000; i++) {
            byte[] value;
            if (i % 2 == 0) {
                value = new byte[random.nextInt(40)];
                random.nextBytes(value);
            } else {
                value = utf8(seeds.get(i % seeds.size()));
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    value[random.nextInt(value.length)] = (byte) random.nextInt(256);
                }
            }
            Decoded d = decoder.decode(0, i, TS, null, value);
            assertTrue(d instanceof Row || d instanceof DeadLetter);
        }
    }

    @Test
    void utf8ValidatorAgreesWithTheJdkOnRandomBytes() {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(8)];
            random.nextBytes(b);
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, Utf8.firstInvalid(b) < 0, () -> Arrays.toString(b));
        }
    }

    @Test
    void aCompactRowKeepsOnlyItsPackedPayloadAndUnpacksItIntoTheSamePayload() {
        String json = "{\"s\":\"a\\u00e9\\n\\\"q\\\"\",\"n\":-12,\"big\":123456789012345678901234567890,"
                + "\"d\":0.1,\"long\":3.14159265358979323846,\"t\":true,\"z\":null,"
                + "\"o\":{\"a\":[1,2.5,\"x\",{\"b\":[]}],\"e\":{}}}";
        Row row = assertInstanceOf(Row.class, decode(utf8(json)));

        Row compact = row.compact();

        assertEquals(row.payload(), compact.payload());
        assertEquals(row.payload(), compact.payload(), "unpacks again on every call");
        assertEquals(
                List.of(row.partition(), row.offset(), row.kafkaTimestamp(), row.eventTime(), row.key()),
                List.of(
                        compact.partition(),
                        compact.offset(),
                        compact.kafkaTimestamp(),
                        compact.eventTime(),
                        compact.key()));
        assertTrue(compact.compact() == compact, "already compact");
        assertEquals(compact.payload(), compact.withIngestTime(5).payload());
        Row treeOnly = new Row(row.payload(), 1, 2, 3, 4, null, 0);
        assertTrue(treeOnly.compact() == treeOnly, "a row without a packed payload keeps its payload");
    }
}
