package io.fmslake.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.row.JsonObject;
import io.fmslake.row.JsonText;
import io.fmslake.row.PackedJson;
import io.fmslake.row.RandomJson;
import io.fmslake.row.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    static LakeSchema infer(String... jsons) {
        SchemaInference inference = new SchemaInference();
        for (String json : jsons) {
            inference.observe(JsonText.parseObject(json));
        }
        return inference.result();
    }

    static String types(String... jsons) {
        return infer(jsons).toJson().replace("{\"version\":1,\"fields\":", "").replace("\"", "'");
    }

    @Test
    void scalarsAreInferredAndFieldsSortedByName() {
        assertEquals(
                "[{'name':'b','type':'boolean'},{'name':'d','type':'double'},{'name':'l','type':'long'},"
                        + "{'name':'s','type':'string'},{'name':'z','type':'null'}]}",
                types("{\"z\":null,\"s\":\"x\",\"l\":1,\"d\":1.5,\"b\":true}"));
    }

    @Test
    void nullGivesWayToTheFirstRealType() {
        assertEquals(types("{\"a\":1}"), types("{\"a\":null}", "{\"a\":1}", "{\"a\":null}"));
        assertEquals(types("{\"a\":{\"b\":\"x\"}}"), types("{\"a\":null}", "{\"a\":{\"b\":\"x\"}}"));
        assertEquals(types("{\"a\":[1]}"), types("{\"a\":[]}", "{\"a\":[null]}", "{\"a\":[1]}"));
    }

    @Test
    void longWidensToDoubleButNotBeyondTwoToThe53() {
        assertEquals("[{'name':'n','type':'double'}]}", types("{\"n\":1}", "{\"n\":0.5}"));
        assertEquals("[{'name':'n','type':'long_wide'}]}", types("{\"n\":1}", "{\"n\":9007199254740993}"));
        assertEquals("[{'name':'n','type':'string'}]}", types("{\"n\":9007199254740993}", "{\"n\":0.5}"));
        assertEquals("[{'name':'n','type':'double'}]}", types("{\"n\":9007199254740992}", "{\"n\":0.5}"));
    }

    @Test
    void conflictsBecomeString() {
        assertEquals("[{'name':'v','type':'string'}]}", types("{\"v\":1}", "{\"v\":\"1\"}"));
        assertEquals("[{'name':'v','type':'string'}]}", types("{\"v\":true}", "{\"v\":1}"));
        assertEquals("[{'name':'v','type':'string'}]}", types("{\"v\":{\"a\":1}}", "{\"v\":2}"));
        assertEquals("[{'name':'v','type':'string'}]}", types("{\"v\":[1]}", "{\"v\":{\"a\":1}}"));
        assertEquals("[{'name':'v','type':'string'}]}", types("{\"v\":\"x\"}", "{\"v\":{\"a\":1}}", "{\"v\":[2]}"));
    }

    @Test
    void recordsAndListsMergeInside() {
        assertEquals(
                "[{'name':'o','type':{'record':[{'name':'a','type':'double'},{'name':'b','type':'string'}]}}]}",
                types("{\"o\":{\"a\":1}}", "{\"o\":{\"b\":\"x\",\"a\":2.5}}"));
        assertEquals("[{'name':'xs','type':{'list':'double'}}]}", types("{\"xs\":[1,2.5]}"));
        assertEquals("[{'name':'xs','type':{'list':'string'}}]}", types("{\"xs\":[1,\"a\"]}"));
        assertEquals(
                "[{'name':'xs','type':{'list':{'record':[{'name':'k','type':'long'}]}}}]}",
                types("{\"xs\":[{\"k\":1},{}]}"));
        assertEquals("[{'name':'xs','type':{'list':'null'}}]}", types("{\"xs\":[]}"));
        assertEquals("[{'name':'e','type':{'record':[]}}]}", types("{\"e\":{}}"));
    }

    @Test
    void theResultDoesNotDependOnRecordOrder() {
        List<String> records = new ArrayList<>(List.of(
                "{\"a\":1,\"b\":{\"c\":[1]}}",
                "{\"a\":2.5}",
                "{\"b\":{\"c\":[\"x\"],\"d\":null}}",
                "{\"e\":[{\"f\":1}]}",
                "{\"e\":[{\"g\":true}]}",
                "{\"h\":9223372036854775807}",
                "{\"h\":1}",
                "{\"i\":{}}",
                "{\"i\":{\"j\":1}}"));
        String expected = types(records.toArray(new String[0]));
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(records, random);
            assertEquals(expected, types(records.toArray(new String[0])));
            LakeSchema perRecord = LakeSchema.empty();
            for (String r : records) {
                perRecord = perRecord.union(infer(r));
            }
            assertEquals(
                    expected,
                    perRecord.toJson().replace("{\"version\":1,\"fields\":", "").replace("\"", "'"));
        }
    }

    @Test
    void aStartSchemaIsKept() {
        SchemaInference inference = new SchemaInference(infer("{\"old\":1,\"n\":1}"));
        inference.observe(JsonText.parseObject("{\"n\":0.5}"));
        assertEquals(infer("{\"old\":1,\"n\":0.5}"), inference.result());
    }

    /** Inferring from packed payloads (as decoded rows hold them) gives what inferring from their trees gives. */
    @Test
    void packedPayloadsInferWhatTheirTreesInfer() {
        Random random = new Random(17);
        for (int file = 0; file < 200; file++) {
            SchemaInference fromTrees = new SchemaInference();
            SchemaInference fromPacked = new SchemaInference();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                JsonObject payload = RandomJson.object(random, 0);
                fromTrees.observe(payload);
                fromPacked.observe(Row.ofPacked(PackedJson.standard().pack(payload), 0, i, 0, 0, null, 0));
            }
            assertEquals(fromTrees.result().toJson(), fromPacked.result().toJson());
        }
        List<String> mixed = List.of(
                "{\"a\":{\"b\":1}}",
                "{\"a\":[1]}",
                "{\"a\":{\"c\":[{\"x\":1}]}}",
                "{\"n\":9007199254740993}",
                "{\"n\":1.5,\"e\":{}}",
                "{\"l\":[[1],[\"x\"],null]}");
        SchemaInference packed = new SchemaInference();
        for (String json : mixed) {
            packed.observe(Row.ofPacked(PackedJson.standard().pack(JsonText.parseObject(json)), 0, 0, 0, 0, null, 0));
        }
        assertEquals(infer(mixed.toArray(new String[0])), packed.result());
    }
}
