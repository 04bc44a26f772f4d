package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedJsonTest {
    private final RecordDecoder decoder =
            new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());

    private JsonObject parsed(String json) {
        Decoded d = decoder.decode(0, 0, 0, null, json.getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(Row.class, d, () -> "not a row: " + d).payload();
    }

    @Test
    void everyKindOfValueComesBackEqual() {
        JsonObject o = parsed("{\"s\":\"plain\",\"u\":\"\u00e9\u4e2d\\ud83d\\ude00\",\"lone\":\"a\\ud800b\","
                + "\"esc\":\"q\\\"\\n\\u0000\",\"zero\":0,\"neg\":-1,\"min\":-9223372036854775808,"
                + "\"max\":9223372036854775807,\"big\":123456789012345678901234567890,\"d\":0.1,\"nz\":-0.0,"
                + "\"e\":1.5e300,\"inexact\":3.14159265358979323846,\"t\":true,\"f\":false,\"n\":null,"
                + "\"o\":{\"a\":[1,2.5,\"x\",null,{\"b\":[]},[[]]],\"e\":{}},\"\u00fcml\u00e4ut\":1}");

        JsonObject back = PackedJson.standard().unpack(PackedJson.standard().pack(o));

        assertEquals(o, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back.get("nz")));
        assertEquals("a\ud800b", back.get("lone"), "a lone surrogate survives");
    }

    @Test
    void namesComeBackAsTheSameInstances() {
        JsonObject o = parsed("{\"site\":\"a\",\"loc\":{\"zone\":1}}");

        JsonObject back = PackedJson.standard().unpack(PackedJson.standard().pack(o));

        assertSame(o.name(0), back.name(0));
        assertSame(((JsonObject) o.value(1)).name(0), ((JsonObject) back.value(1)).name(0));
    }

    @Test
    void namesBeyondAFullTableAreWrittenInline() {
        PackedJson codec = new PackedJson(new NameTable(1));
        JsonObject o = parsed("{\"first\":1,\"second\":{\"third\":[true]}}");

        byte[] packed = codec.pack(o);

        assertEquals(o, codec.unpack(packed));
        assertTrue(new String(packed, StandardCharsets.ISO_8859_1).contains("second"), "inline name");
        JsonObject odd = new JsonObject(new String[] {"lone\ud800", "\u00e9"}, new Object[] {1L, null});
        assertEquals(odd, codec.unpack(codec.pack(odd)), "inline names are as lossless as values");
    }

    @Test
    void randomPayloadsRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            JsonObject o = RandomJson.object(random, 0);
            assertEquals(o, PackedJson.standard().unpack(PackedJson.standard().pack(o)), () -> "payload " + o);
        }
    }

    @Test
    void damagedBytesAreRefusedNotMisread() {
        byte[] packed = PackedJson.standard().pack(parsed("{\"a\":\"text\"}"));

        byte[] badTag = packed.clone();
        badTag[2] = 42;
        assertThrows(IllegalArgumentException.class, () -> PackedJson.standard().unpack(badTag));
        byte[] trailing = Arrays.copyOf(packed, packed.length + 1);
        assertThrows(IllegalArgumentException.class, () -> PackedJson.standard().unpack(trailing));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PackedJson(new NameTable(4)).unpack(packed),
                "a name number from another table");
    }

    @Test
    void anFmsReadingPacksSmallerThanItsJson() {
        String json = "{\"site\":\"plant-3\",\"equipment_id\":\"EQ-00417\",\"sensor_type\":\"pressure\","
                + "\"value\":512.345,\"unit\":\"hPa\",\"status\":\"OK\",\"location\":{\"building\":\"B4\","
                + "\"floor\":7,\"zone\":\"Z-17\"},\"firmware\":\"fw-2.1.5\",\"seq\":1234567,"
                + "\"timestamp\":\"2025-06-12T11:22:33.123Z\"}";

        int packed = PackedJson.standard().pack(parsed(json)).length;

        assertTrue(packed < json.length() * 3 / 4, packed + " packed bytes for " + json.length() + " of JSON");
    }
}
