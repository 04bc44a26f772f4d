package io.fmslake.deadletter;

import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/** Assembles {@link DeadLetter}s from a dead-letter file's columns (matched by name). */
final class DeadLetterMaterializer extends RecordMaterializer<DeadLetter> {
    private final Object[] values = new Object[DeadLetterColumns.ALL.size()];
    private final GroupConverter root;
    private DeadLetter current;

    DeadLetterMaterializer(MessageType file) {
        Converter[] children = new Converter[file.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            int slot = DeadLetterColumns.ALL.indexOf(file.getType(i).getName());
            if (slot < 0) {
                throw new IllegalStateException(
                        "not a dead-letter file: column " + file.getType(i).getName());
            }
            children[i] = new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    values[slot] = value.getBytes();
                }

                @Override
                public void addInt(int value) {
                    values[slot] = (long) value;
                }

                @Override
                public void addLong(long value) {
                    values[slot] = value;
                }
            };
        }
        root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {
                Arrays.fill(values, null);
            }

            @Override
            public void end() {
                current = letter();
            }
        };
    }

    private DeadLetter letter() {
        byte[] key = values[8] != null ? (byte[]) values[8] : (byte[]) values[7];
        return new DeadLetter(
                (int) (long) (Long) values[4],
                (Long) values[5],
                (Long) values[6],
                key,
                (byte[]) values[1],
                text(values[2]),
                text(values[3]));
    }

    private static String text(Object bytes) {
        return bytes == null ? "" : new String((byte[]) bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public DeadLetter getCurrentRecord() {
        return current;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }
}
