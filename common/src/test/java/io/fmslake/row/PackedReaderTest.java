package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedReaderTest {

    @Test
    void walkingAPayloadValueByValueGivesWhatUnpackingGives() {
        PackedJson codec = new PackedJson(new NameTable(3)); // a small table: later names are written inline
        PackedReader reader = codec.reader();
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            JsonObject payload = RandomJson.object(random, 0);
            byte[] packed = codec.pack(payload);
            reader.reset(packed);
            assertFalse(packed.length > 1 && reader.atEnd());

            JsonObject walked = readObject(reader);

            assertTrue(reader.atEnd(), "whole payload read");
            assertEquals(codec.unpack(packed), walked);
        }
    }

    @Test
    void aValueIsReadWholeOrAgainAfterSeekingBack() {
        PackedJson codec = PackedJson.standard();
        JsonObject nested = JsonText.parseObject("{\"o\":{\"a\":[1,\"x\",null],\"b\":2.5},\"s\":\"🚚 truck\"}");
        PackedReader reader = codec.reader();
        reader.reset(codec.pack(nested));
        assertEquals(2, reader.count());
        assertEquals("o", reader.name(reader.nameId()));
        int start = reader.position();
        int tag = reader.tag();
        assertEquals(PackedReader.OBJECT, tag);
        assertEquals(nested.get("o"), reader.value(tag));
        int after = reader.position();
        reader.seek(start);
        assertEquals(nested.get("o"), reader.value(reader.tag()));
        assertEquals(after, reader.position());
        assertEquals("s", reader.name(reader.nameId()));
        assertEquals(PackedReader.UTF16, reader.tag());
        assertEquals("🚚 truck", reader.utf16Text());
        assertTrue(reader.atEnd());
    }

    private static JsonObject readObject(PackedReader in) {
        int n = in.count();
        String[] names = new String[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            int id = in.nameId();
            names[i] = id >= 0 ? in.name(id) : in.inlineName();
            values[i] = read(in, in.tag());
        }
        return new JsonObject(names, values);
    }

    private static Object read(PackedReader in, int tag) {
        switch (tag) {
            case PackedReader.NULL:
                return null;
            case PackedReader.TRUE:
            case PackedReader.FALSE:
                return tag == PackedReader.TRUE;
            case PackedReader.LONG:
                return in.longValue();
            case PackedReader.DOUBLE:
                return in.doubleValue();
            case PackedReader.UTF8:
                int length = in.utf8Length();
                String s = new String(in.buffer(), in.position(), length, StandardCharsets.UTF_8);
                in.skip(length);
                return s;
            case PackedReader.UTF16:
                return in.utf16Text();
            case PackedReader.OBJECT:
                return readObject(in);
            default:
                Object[] items = new Object[in.count()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = read(in, in.tag());
                }
                return Arrays.asList(items);
        }
    }
}
