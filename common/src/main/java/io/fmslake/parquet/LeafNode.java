package io.fmslake.parquet;

import io.fmslake.row.JsonText;
import io.fmslake.row.PackedReader;
import io.fmslake.schema.LakeType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * A payload column: writes a value into its column writer, which {@link RowShredder} replaces at every row group.
 * UTF-8 text is handed to the writer as a slice of the packed payload marked as reused, so the dictionary and the
 * statistics copy what they keep and no array is made per value.
 */
abstract class LeafNode extends ColumnNode {
    static final Binary EMPTY_OBJECT = Binary.fromConstantByteArray(new byte[] {'{', '}'});

    /** The column's Parquet path. */
    final String[] column;

    ColumnWriter writer;

    LeafNode(String path, LakeType type, List<String> column, int def) {
        super(path, type, def);
        this.column = column.toArray(new String[0]);
    }

    static LeafNode of(LakeType t, String path, List<String> column, int def) {
        return switch (t.kind()) {
            case BOOLEAN ->
                new LeafNode(path, t, column, def) {
                    @Override
                    void write(PackedReader in, int tag, int rep) {
                        if (tag != PackedReader.TRUE && tag != PackedReader.FALSE) {
                            throw misfit(in, tag);
                        }
                        writer.write(tag == PackedReader.TRUE, rep, def);
                    }
                };
            case LONG, LONG_WIDE ->
                new LeafNode(path, t, column, def) {
                    @Override
                    void write(PackedReader in, int tag, int rep) {
                        if (tag != PackedReader.LONG) {
                            throw misfit(in, tag);
                        }
                        writer.write(in.longValue(), rep, def);
                    }
                };
            case DOUBLE ->
                new LeafNode(path, t, column, def) {
                    @Override
                    void write(PackedReader in, int tag, int rep) {
                        if (tag == PackedReader.DOUBLE) {
                            writer.write(in.doubleValue(), rep, def);
                            return;
                        }
                        if (tag == PackedReader.LONG) {
                            long l = in.longValue();
                            if (l >= -EXACT_DOUBLE_LIMIT && l <= EXACT_DOUBLE_LIMIT) {
                                writer.write((double) l, rep, def);
                                return;
                            }
                            throw misfit(l);
                        }
                        throw misfit(in, tag);
                    }
                };
            case NULL ->
                new LeafNode(path, t, column, def) {
                    @Override
                    void write(PackedReader in, int tag, int rep) {
                        throw misfit(in, tag);
                    }
                };
            case RECORD -> new EmptyObject(path, t, column, def);
            default -> new Text(path, t, column, def);
        };
    }

    @Override
    final void writeNull(int rep, int level) {
        writer.writeNull(rep, level);
    }

    @Override
    final void collectLeaves(List<LeafNode> out) {
        out.add(this);
    }

    /** A STRING column (also the home of conflicting types): strings as they are, other values as JSON text. */
    private static final class Text extends LeafNode {
        Text(String path, LakeType type, List<String> column, int def) {
            super(path, type, column, def);
        }

        @Override
        void write(PackedReader in, int tag, int rep) {
            if (tag == PackedReader.UTF8) {
                int n = in.utf8Length();
                writer.write(Binary.fromReusedByteArray(in.buffer(), in.position(), n), rep, def);
                in.skip(n);
            } else {
                String s = tag == PackedReader.UTF16 ? in.utf16Text() : JsonText.of(in.value(tag));
                writer.write(Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8)), rep, def);
            }
        }
    }

    /** An object type without fields (Parquet has no empty groups): {@code "{}"} for an object of nulls only. */
    private static final class EmptyObject extends LeafNode {
        EmptyObject(String path, LakeType type, List<String> column, int def) {
            super(path, type, column, def);
        }

        @Override
        void write(PackedReader in, int tag, int rep) {
            if (tag != PackedReader.OBJECT) {
                throw misfit(in, tag);
            }
            int start = in.position();
            for (int i = 0, n = in.count(); i < n; i++) {
                if (in.nameId() < 0) {
                    in.inlineName();
                }
                int t = in.tag();
                if (t != PackedReader.NULL) {
                    in.seek(start);
                    throw misfit(in, tag);
                }
            }
            writer.write(EMPTY_OBJECT, rep, def);
        }
    }
}
