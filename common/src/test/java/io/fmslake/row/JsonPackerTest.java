package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing straight into the packed form against parsing into a tree and packing that ({@link JsonReader} then
 * {@link PackedJson#pack}): the same bytes for every payload, the same failure (reason and detail) for every bad one,
 * and the same event-time value as {@link RecordDecoder#fieldValue} finds in the tree.
 */
class JsonPackerTest {
    private static final List<String> AWKWARD = List.of(
            "{}",
            "{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"é\"}}",
            "{\"i\":-42,\"max\":9223372036854775807,\"min\":-9223372036854775808,\"big\":92233720368547758070,"
                    + "\"d\":0.1,\"e\":1e-7,\"third\":0.3333333333333333,\"pi\":3.14159265358979323846,"
                    + "\"inf\":1e400,\"tiny\":1e-400,\"negzero\":-0.0,\"exp\":6.02E23,\"int\":1E5}",
            "{\"이름\":\"홍길동 \\uD83D\\uDE9A\",\"emoji\":\"🚚💨\",\"lone\":\"\\uD800x\",\"esc\":\"\\\"\\n\\t\\\\\\u0001\"}",
            "{\"m\":[[1,2],[3],[]],\"e\":{},\"l\":[],\"o\":[{\"a\":{}},{\"b\":[null]}]}",
            "{\"ts\":\"2025-06-12T11:22:33Z\",\"meta\":{\"ts\":1749727353}}",
            "{\"ts\":null,\"meta\":{\"ts\":\"x\"}}",
            "{\"meta.ts\":5,\"meta\":{\"ts\":6}}",
            "{\"meta\":[{\"ts\":1}]}",
            "{\"meta\":{\"ts\":{\"x\":1}}}",
            "{\"ts\":[1]}",
            "{\"ts\":true,\"\":\"\"}",
            "{\"a\":\"" + "long text ".repeat(40) + "\"}",
            "{\"a\":1,\"a\":2}",
            "{\"o\":{\"b\":1,\"b\":null}}",
            "[1]",
            "\"text\"",
            "",
            "   ",
            "{\"a\":1}{}",
            "{\"a\":1} x",
            "{\"a\":",
            "{a:1}",
            "{\"a\":NaN}",
            "{\"a\":01}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":".repeat(300) + "1" + "}".repeat(300));

    @ParameterizedTest
    @ValueSource(strings = {"", "ts", "meta.ts", "meta.ts.x", "."})
    void awkwardPayloadsPackAndFailAsThroughTheTree(String field) {
        for (String json : AWKWARD) {
            assertSame(json.getBytes(StandardCharsets.UTF_8), field.isEmpty() ? null : field);
        }
    }

    @Test
    void manyFieldsAndItemsNeedLongerCounts() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            s.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":[");
            for (int k = 0; k < i; k++) {
                s.append(k == 0 ? "" : ",").append(k);
            }
            s.append("]");
        }
        byte[] json = s.append("}").toString().getBytes(StandardCharsets.UTF_8);
        assertSame(json, "f299");
    }

    @Test
    void randomPayloadsPackAsThroughTheTree() {
        Random random = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            JsonObject o = RandomJson.object(random, 0);
            String field = o.size() == 0 ? "x" : o.name(random.nextInt(o.size()));
            assertSame(JsonText.of(o).getBytes(StandardCharsets.UTF_8), field);
        }
        List<String> bytesJsons = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] b = "{\"a\":[1,{\"b\":\"xé\"}],\"c\":2.5}".getBytes(StandardCharsets.UTF_8);
            b[random.nextInt(b.length)] = (byte) (32 + random.nextInt(95));
            bytesJsons.add(new String(b, StandardCharsets.UTF_8));
        }
        bytesJsons.forEach(j -> assertSame(j.getBytes(StandardCharsets.UTF_8), "c"));
    }

    private static void assertSame(byte[] json, String field) {
        JsonReader reader = new JsonReader(1 << 20);
        JsonPacker packer = new JsonPacker(1 << 20, PackedJson.standard(), field);
        String text = new String(json, StandardCharsets.UTF_8);
        JsonObject tree = null;
        JsonReader.Failure treeFailure = null;
        try {
            tree = reader.parse(json);
        } catch (JsonReader.Failure f) {
            treeFailure = f;
        }
        try {
            JsonPacker.Packed packed = packer.pack(json);
            assertTrue(treeFailure == null, () -> "packed what the tree refused: " + text);
            assertArrayEquals(PackedJson.standard().pack(tree), packed.payload(), text);
            Object expected = field == null ? null : RecordDecoder.fieldValue(tree, field);
            assertEquals(kind(expected), kind(packed.eventValue()), field + " of " + text);
        } catch (JsonReader.Failure f) {
            assertTrue(treeFailure != null, () -> "refused what the tree parsed: " + text + ": " + f.getMessage());
            assertEquals(
                    treeFailure.reason() + ": " + treeFailure.getMessage(), f.reason() + ": " + f.getMessage(), text);
        }
    }

    /** A value, or for an object or array only its kind (all the event time reads of them). */
    private static Object kind(Object v) {
        return v instanceof JsonObject ? "object" : v instanceof List ? "array" : v;
    }
}
