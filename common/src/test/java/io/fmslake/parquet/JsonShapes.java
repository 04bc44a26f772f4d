package io.fmslake.parquet;

import java.util.List;
import java.util.Map;

/** JSON shapes for round trips: records of one case share a file; types are DuckDB's names of the columns. */
final class JsonShapes {
    private JsonShapes() {}

    record Shape(String name, List<String> records, Map<String, String> types) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Shape> all() {
        String deep = "{\"v\":1}";
        String deepType = "STRUCT(v BIGINT)";
        for (int i = 0; i < 20; i++) {
            deep = "{\"a\":" + deep + "}";
            deepType = "STRUCT(a " + deepType + ")";
        }
        return List.of(
                new Shape(
                        "flat scalars",
                        List.of("{\"s\":\"text\",\"i\":42,\"d\":3.5,\"b\":true}"),
                        Map.of("s", "VARCHAR", "i", "BIGINT", "d", "DOUBLE", "b", "BOOLEAN")),
                new Shape(
                        "nested objects",
                        List.of("{\"vehicle\":{\"id\":\"V1\",\"pos\":{\"lat\":37.5,\"lon\":127.25}}}"),
                        Map.of("vehicle", "STRUCT(id VARCHAR, pos STRUCT(lat DOUBLE, lon DOUBLE))")),
                new Shape("array of longs", List.of("{\"xs\":[1,2,3]}", "{\"xs\":[-4]}"), Map.of("xs", "BIGINT[]")),
                new Shape(
                        "array of objects",
                        List.of("{\"stops\":[{\"name\":\"A\",\"n\":1},{\"name\":\"B\"}]}"),
                        Map.of("stops", "STRUCT(n BIGINT, \"name\" VARCHAR)[]")),
                new Shape(
                        "nulls",
                        List.of("{\"a\":null,\"b\":1}", "{\"a\":2,\"b\":null}", "{}"),
                        Map.of("a", "BIGINT", "b", "BIGINT")),
                new Shape(
                        "always null",
                        List.of("{\"gone\":null,\"x\":1}", "{\"gone\":null,\"x\":2}"),
                        Map.of("gone", "VARCHAR", "x", "BIGINT")),
                new Shape(
                        "korean and emoji",
                        List.of(
                                "{\"이름\":\"홍길동\",\"emoji\":\"🚚💨\",\"온도\":21.5,\"temp-c\":3,\"🚀\":\"발사\"}",
                                "{\"이름\":\"김철수 \\uD83D\\uDE9A\",\"emoji\":\"\\u00e9\\u4e2d\"}"),
                        Map.of(
                                "이름", "VARCHAR", "emoji", "VARCHAR", "온도", "DOUBLE", "temp-c", "BIGINT", "🚀",
                                "VARCHAR")),
                new Shape(
                        "int64 limits",
                        List.of("{\"max\":9223372036854775807,\"min\":-9223372036854775808}"),
                        Map.of("max", "BIGINT", "min", "BIGINT")),
                new Shape(
                        "mixed types",
                        List.of("{\"v\":1}", "{\"v\":\"one\"}", "{\"v\":{\"x\":1}}", "{\"v\":[true]}"),
                        Map.of("v", "VARCHAR")),
                new Shape(
                        "long widens to double",
                        List.of("{\"n\":1}", "{\"n\":2.5}", "{\"n\":-3}"),
                        Map.of("n", "DOUBLE")),
                new Shape("empty objects", List.of("{\"e\":{}}", "{}", "{\"e\":{}}"), Map.of("e", "VARCHAR")),
                new Shape(
                        "deep nesting",
                        List.of(deep),
                        Map.of("a", deepType.substring("STRUCT(a ".length(), deepType.length() - 1))),
                new Shape(
                        "booleans",
                        List.of("{\"t\":true,\"f\":false}", "{\"t\":false}"),
                        Map.of("t", "BOOLEAN", "f", "BOOLEAN")),
                new Shape(
                        "floats",
                        List.of(
                                "{\"tiny\":1e-7,\"neg\":-2.5,\"exp\":6.02e23,\"zero\":0.0,\"third\":0.3333333333333333}"),
                        Map.of(
                                "tiny", "DOUBLE", "neg", "DOUBLE", "exp", "DOUBLE", "zero", "DOUBLE", "third",
                                "DOUBLE")),
                new Shape(
                        "negative numbers",
                        List.of("{\"n\":-1,\"m\":-9007199254740993,\"d\":-0.001}"),
                        Map.of("n", "BIGINT", "m", "BIGINT", "d", "DOUBLE")),
                new Shape(
                        "escaped strings",
                        List.of("{\"s\":\"say \\\"hi\\\"\\nline2\\t\\\\ end \\u0001 '\\/'\"}"),
                        Map.of("s", "VARCHAR")),
                new Shape("nested arrays", List.of("{\"m\":[[1,2],[3],[]]}"), Map.of("m", "BIGINT[][]")),
                new Shape(
                        "arrays with nulls", List.of("{\"xs\":[1,null,3]}", "{\"xs\":null}"), Map.of("xs", "BIGINT[]")),
                new Shape(
                        "empty array then values", List.of("{\"xs\":[]}", "{\"xs\":[1.5]}"), Map.of("xs", "DOUBLE[]")),
                new Shape("only empty arrays", List.of("{\"xs\":[]}"), Map.of("xs", "VARCHAR[]")),
                new Shape(
                        "mixed array elements",
                        List.of("{\"xs\":[1,\"a\",true,null,{\"k\":\"v\"}]}"),
                        Map.of("xs", "VARCHAR[]")),
                new Shape(
                        "metadata name clash",
                        List.of("{\"_kafka_offset\":\"mine\",\"_event_time\":1}"),
                        Map.of("__kafka_offset", "VARCHAR", "__event_time", "BIGINT")),
                new Shape(
                        "wide long meets double",
                        List.of("{\"v\":9007199254740993}", "{\"v\":1.5}"),
                        Map.of("v", "VARCHAR")),
                new Shape(
                        "integer beyond int64",
                        List.of("{\"huge\":123456789012345678901234567890}"),
                        Map.of("huge", "VARCHAR")),
                new Shape(
                        "decimal beyond double",
                        List.of("{\"pi\":3.14159265358979323846}", "{\"pi\":3.5}"),
                        Map.of("pi", "VARCHAR")),
                new Shape(
                        "names Avro rejects",
                        List.of("{\"1st\":1,\"a b\":2,\"a.b\":3,\"x-y\":{\"z-1\":4}}"),
                        Map.of("1st", "BIGINT", "a b", "BIGINT", "a.b", "BIGINT", "x-y", "STRUCT(\"z-1\" BIGINT)")),
                new Shape("array versus object", List.of("{\"x\":[1]}", "{\"x\":{\"a\":1}}"), Map.of("x", "VARCHAR")),
                new Shape(
                        "objects with differing fields",
                        List.of(
                                "{\"o\":{\"a\":1}}",
                                "{\"o\":{\"b\":\"x\"}}",
                                "{\"o\":{\"a\":2.5,\"c\":[{\"d\":true}]}}"),
                        Map.of("o", "STRUCT(a DOUBLE, b VARCHAR, c STRUCT(d BOOLEAN)[])")));
    }
}
