package io.fmslake.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

class LakeSchemaTest {
    private static final List<LakeType> TYPES = new ArrayList<>();

    static {
        for (Kind k : List.of(Kind.NULL, Kind.BOOLEAN, Kind.LONG, Kind.LONG_WIDE, Kind.DOUBLE, Kind.STRING)) {
            TYPES.add(LakeType.Scalar.of(k));
        }
        TYPES.add(new LakeType.ListOf(LakeType.Scalar.LONG));
        TYPES.add(new LakeType.ListOf(LakeType.Scalar.DOUBLE));
        TYPES.add(new LakeType.ListOf(LakeType.Scalar.NULL));
        TYPES.add(new LakeType.Struct(List.of()));
        TYPES.add(struct("a", LakeType.Scalar.LONG));
        TYPES.add(struct("a", LakeType.Scalar.LONG_WIDE));
        TYPES.add(struct("b", LakeType.Scalar.STRING));
        TYPES.add(struct("a", new LakeType.ListOf(LakeType.Scalar.DOUBLE)));
    }

    static LakeType.Struct struct(String name, LakeType t) {
        return new LakeType.Struct(List.of(new LakeType.Field(name, t)));
    }

    static LakeSchema schema(LakeType t) {
        return LakeSchema.of(struct("f", t));
    }

    @Test
    void unionIsCommutativeAssociativeAndIdempotent() {
        for (LakeType a : TYPES) {
            assertEquals(schema(a), schema(a).union(schema(a)));
            assertEquals(schema(a), schema(a).union(schema(LakeType.Scalar.NULL)));
            assertEquals(schema(LakeType.Scalar.STRING), schema(a).union(schema(LakeType.Scalar.STRING)));
            for (LakeType b : TYPES) {
                assertEquals(schema(a).union(schema(b)), schema(b).union(schema(a)), a + " | " + b);
                for (LakeType c : TYPES) {
                    assertEquals(
                            schema(a).union(schema(b)).union(schema(c)),
                            schema(a).union(schema(b).union(schema(c))),
                            a + " | " + b + " | " + c);
                }
            }
        }
    }

    @Test
    void unionKeepsEveryField() {
        LakeSchema x = SchemaInferenceTest.infer("{\"a\":1,\"n\":{\"p\":1}}");
        LakeSchema y = SchemaInferenceTest.infer("{\"b\":\"s\",\"n\":{\"q\":true}}");
        assertEquals(SchemaInferenceTest.infer("{\"a\":1,\"b\":\"s\",\"n\":{\"p\":1,\"q\":true}}"), x.union(y));
        assertEquals(x, LakeSchema.empty().union(x));
    }

    @Test
    void jsonFormRoundTripsEveryType() {
        for (LakeType a : TYPES) {
            LakeSchema s = LakeSchema.of(
                    new LakeType.Struct(List.of(new LakeType.Field("f", a), new LakeType.Field("온도 °C", a))));
            assertEquals(s, LakeSchema.fromJson(s.toJson()));
        }
        assertThrows(IllegalArgumentException.class, () -> LakeSchema.fromJson("{\"version\":2,\"fields\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> LakeSchema.fromJson("not json"));
        assertThrows(
                IllegalArgumentException.class,
                () -> LakeSchema.fromJson("{\"version\":1,\"fields\":[{\"name\":\"a\",\"type\":\"int128\"}]}"));
    }

    @Test
    void parquetColumnsKeepJsonNamesThenMetadataInOrder() {
        LakeSchema s = SchemaInferenceTest.infer("{\"temp-c\":1.5,\"온도\":2,\"_kafka_offset\":\"mine\",\"xs\":[1],"
                + "\"o\":{\"1st\":true},\"e\":{},\"z\":null}");
        MessageType m = s.parquet();
        List<String> names = new ArrayList<>();
        m.getFields().forEach(f -> names.add(f.getName()));
        assertEquals(
                List.of(
                        "__kafka_offset",
                        "e",
                        "o",
                        "temp-c",
                        "xs",
                        "z",
                        "온도",
                        "_kafka_partition",
                        "_kafka_offset",
                        "_kafka_timestamp",
                        "_kafka_key",
                        "_event_time",
                        "_ingest_time"),
                names);
        assertEquals("1st", m.getType("o").asGroupType().getType(0).getName());
        assertEquals(m, LakeSchema.fromParquet(m).parquet());
        assertTrue(m.getType("_kafka_timestamp").toString().contains("TIMESTAMP(MILLIS,true)"));
    }

    @Test
    void avroNamesAreSanitizedAndTheJsonNameKept() {
        LakeSchema s = SchemaInferenceTest.infer("{\"temp-c\":1.5,\"temp_c\":2,\"1st\":true,\"온도\":\"x\","
                + "\"_ingest_time\":1,\"nested\":{\"a b\":[1],\"z\":null},\"e\":{}}");
        Schema avro = s.avro();
        Schema reparsed = new Schema.Parser().parse(avro.toString());
        assertEquals(avro, reparsed);
        List<String> names = new ArrayList<>();
        avro.getFields().forEach(f -> names.add(f.name()));
        assertEquals(
                List.of(
                        "_1st",
                        "__ingest_time",
                        "e",
                        "nested",
                        "temp_c",
                        "temp_c_2",
                        "__",
                        "_kafka_partition",
                        "_kafka_offset",
                        "_kafka_timestamp",
                        "_kafka_key",
                        "_event_time",
                        "_ingest_time"),
                names);
        assertEquals("temp-c", avro.getField("temp_c").getProp("json_name"));
        assertEquals("온도", avro.getField("__").getProp("json_name"));
        assertEquals(s, LakeSchema.fromAvro(avro));
    }

    @Test
    void avroTypesMapToLakeTypes() {
        Schema avro = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":["
                        + "{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"l\",\"type\":\"long\"},"
                        + "{\"name\":\"f\",\"type\":\"float\"},{\"name\":\"s\",\"type\":[\"null\",\"string\"]},"
                        + "{\"name\":\"en\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}},"
                        + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"long\"}},"
                        + "{\"name\":\"u\",\"type\":[\"null\",\"int\",\"double\"]},"
                        + "{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"boolean\"}},"
                        + "{\"name\":\"_kafka_offset\",\"type\":\"long\"}]}");
        assertEquals(
                "{\"version\":1,\"fields\":[{\"name\":\"a\",\"type\":{\"list\":\"boolean\"}},"
                        + "{\"name\":\"en\",\"type\":\"string\"},{\"name\":\"f\",\"type\":\"double\"},"
                        + "{\"name\":\"i\",\"type\":\"long\"},{\"name\":\"l\",\"type\":\"long_wide\"},"
                        + "{\"name\":\"m\",\"type\":\"string\"},{\"name\":\"s\",\"type\":\"string\"},"
                        + "{\"name\":\"u\",\"type\":\"double\"}]}",
                LakeSchema.fromAvro(avro).toJson());
        assertThrows(
                IllegalArgumentException.class,
                () -> LakeSchema.fromAvroText(
                        "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"b\",\"type\":\"bytes\"}]}"));
        assertThrows(IllegalArgumentException.class, () -> LakeSchema.fromAvroText("\"string\""));
        assertThrows(IllegalArgumentException.class, () -> LakeSchema.fromAvroText("{nope"));
    }

    @Test
    void strictAvroSchemaChecksPayloads() {
        LakeSchema strict = LakeSchema.fromAvroText(
                "{\"type\":\"record\",\"name\":\"r\",\"fields\":["
                        + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"},"
                        + "{\"name\":\"opt\",\"type\":[\"null\",\"double\"],\"default\":null},"
                        + "{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"K\",\"symbols\":[\"A\",\"B\"]},\"default\":\"A\"},"
                        + "{\"name\":\"pos\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"P\",\"fields\":["
                        + "{\"name\":\"lat\",\"type\":\"double\"}]}]},"
                        + "{\"name\":\"tags\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\"}],\"default\":null}]}");
        assertEquals(
                Optional.empty(),
                strict.mismatch(JsonText.parseObject(
                        "{\"id\":\"a\",\"n\":1,\"opt\":2,\"kind\":\"B\",\"pos\":{\"lat\":37},\"tags\":[\"x\"]}")));
        assertEquals(Optional.empty(), strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":-5}")));
        assertEquals(
                Optional.of("field 'n': expected int, got integer 3000000000"),
                strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":3000000000}")));
        assertEquals(
                Optional.of("field 'id': expected string, got null"),
                strict.mismatch(JsonText.parseObject("{\"n\":1}")));
        assertEquals(
                Optional.of("field 'extra' is not in the schema"),
                strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":1,\"extra\":true}")));
        assertEquals(
                Optional.of("field 'pos.lat': expected double, got string"),
                strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":1,\"pos\":{\"lat\":\"N37\"}}")));
        assertEquals(
                Optional.of("field 'kind': expected enum, got 'C'"),
                strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":1,\"kind\":\"C\"}")));
        assertEquals(
                Optional.of("field 'tags[1]': expected string, got integer 2"),
                strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":1,\"tags\":[\"x\",2]}")));
        assertFalse(strict.mismatch(JsonText.parseObject("{\"id\":\"a\",\"n\":1,\"opt\":\"2\"}"))
                .isEmpty());
    }

    @Test
    void withoutAvroMismatchMeansTheLakeTypeDoesNotHoldTheValue() {
        LakeSchema s = SchemaInferenceTest.infer("{\"n\":1.5,\"s\":\"x\",\"o\":{\"a\":1}}");
        assertEquals(Optional.empty(), s.mismatch(JsonText.parseObject("{\"n\":2,\"s\":{\"any\":[1]},\"o\":{}}")));
        assertEquals(
                Optional.of("field 'o.a': expected long, got double"),
                s.mismatch(JsonText.parseObject("{\"o\":{\"a\":1.5}}")));
        assertEquals(Optional.of("field 'q' is not in the schema"), s.mismatch(JsonText.parseObject("{\"q\":1}")));
    }

    @Test
    void equalityIsByPayloadType() {
        assertEquals(SchemaInferenceTest.infer("{\"a\":1}"), SchemaInferenceTest.infer("{\"a\":2}"));
        assertEquals(
                SchemaInferenceTest.infer("{\"a\":1}").hashCode(),
                SchemaInferenceTest.infer("{\"a\":2}").hashCode());
        assertNotEquals(SchemaInferenceTest.infer("{\"a\":1}"), SchemaInferenceTest.infer("{\"a\":1.5}"));
    }
}
