package io.fmslake.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** The fixed columns of a dead-letter file, in file order. */
final class DeadLetterColumns {
    static final String RAW_TEXT = "_raw_text";
    static final String RAW_BYTES = "_raw_bytes";
    static final String REASON = "_reason";
    static final String DETAIL = "_detail";
    static final String PARTITION = "_kafka_partition";
    static final String OFFSET = "_kafka_offset";
    static final String TIMESTAMP = "_kafka_timestamp";
    static final String KEY = "_kafka_key";
    /** The key's bytes, for keys that are not UTF-8 text. */
    static final String RAW_KEY = "_raw_key";

    static final List<String> ALL =
            List.of(RAW_TEXT, RAW_BYTES, REASON, DETAIL, PARTITION, OFFSET, TIMESTAMP, KEY, RAW_KEY);

    static final MessageType SCHEMA = new MessageType(
            "fms_dead_letter",
            List.<Type>of(
                    Types.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(RAW_TEXT),
                    Types.optional(PrimitiveTypeName.BINARY).named(RAW_BYTES),
                    Types.required(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(REASON),
                    Types.required(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(DETAIL),
                    Types.required(PrimitiveTypeName.INT32).named(PARTITION),
                    Types.required(PrimitiveTypeName.INT64).named(OFFSET),
                    Types.required(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                            .named(TIMESTAMP),
                    Types.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(KEY),
                    Types.optional(PrimitiveTypeName.BINARY).named(RAW_KEY)));

    private DeadLetterColumns() {}

    /** The bytes as text when they are valid UTF-8, else null. */
    static String textOrNull(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
