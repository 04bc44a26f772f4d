package io.fmslake.merge;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.ParquetIo;
import io.fmslake.parquet.ParquetOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Re-encodes inputs that {@link CopyRule#concatenable} accepted and whose Parquet schemas are identical, column by
 * column: every leaf value is decoded and written again with its repetition and definition levels, record after
 * record, into row groups of the configured size. No rows are assembled, so this is several times faster than the
 * row-wise {@link KWayMerge}, and unlike {@link ByteCopy} it turns many small row groups into large ones. The footer is
 * the first input's key-value metadata with the {@code fms.*} summary of the union.
 */
final class ColumnCopy {
    private ColumnCopy() {
    }

    /** @param sources concatenable, identical schemas, ordered by first event time */
    static FileSummary run(List<Source> sources, OutputFile out, ParquetOptions options, String topic) {
        FileSummary summary = ByteCopy.union(sources, topic);
        MessageType schema = sources.get(0).footer().metadata().getFileMetaData().getSchema();
        Map<String, String> footer = new LinkedHashMap<>(sources.get(0).footer().metadata().getFileMetaData()
                .getKeyValueMetaData());
        footer.putAll(summary.toFooter());
        List<ColumnDescriptor> columns = schema.getColumns();
        try (RowGroupSink sink = RowGroupSink.open(out, schema, options)) {
            for (Source s : sources) {
                try (ParquetFileReader reader = ParquetFileReader.open(LocalFiles.input(s.path()), ParquetIo.readOptions())) {
                    String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
                    for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                        copyRowGroup(group, schema, columns, createdBy, sink);
                    }
                }
            }
            sink.finish(footer);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("column copy failed", e);
        }
    }

    private static void copyRowGroup(PageReadStore group, MessageType schema, List<ColumnDescriptor> columns,
                                     String createdBy, RowGroupSink sink) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new IgnoringConverter(schema), schema, createdBy);
        int n = columns.size();
        ColumnReader[] readers = new ColumnReader[n];
        ValueCopier[] copiers = new ValueCopier[n];
        long[] left = new long[n];
        int[] maxDef = new int[n];
        for (int c = 0; c < n; c++) {
            readers[c] = store.getColumnReader(columns.get(c));
            copiers[c] = ValueCopier.of(columns.get(c));
            left[c] = readers[c].getTotalValueCount();
            maxDef[c] = columns.get(c).getMaxDefinitionLevel();
        }
        long rows = group.getRowCount();
        for (long row = 0; row < rows; row++) {
            for (int c = 0; c < n; c++) {
                ColumnReader r = readers[c];
                var w = sink.writer(c);
                do {
                    int rep = r.getCurrentRepetitionLevel();
                    int def = r.getCurrentDefinitionLevel();
                    if (def == maxDef[c]) {
                        copiers[c].copy(r, w, rep, def);
                    } else {
                        w.writeNull(rep, def);
                    }
                    r.consume();
                    left[c]--;
                } while (left[c] > 0 && r.getCurrentRepetitionLevel() != 0);
            }
            sink.endRecord();
        }
    }

    /** Copies the current non-null value of a column reader to a column writer. */
    @FunctionalInterface
    interface ValueCopier {
        void copy(ColumnReader r, org.apache.parquet.column.ColumnWriter w, int rep, int def);

        static ValueCopier of(ColumnDescriptor column) {
            return switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> (r, w, rep, def) -> w.write(r.getInteger(), rep, def);
                case INT64 -> (r, w, rep, def) -> w.write(r.getLong(), rep, def);
                case DOUBLE -> (r, w, rep, def) -> w.write(r.getDouble(), rep, def);
                case FLOAT -> (r, w, rep, def) -> w.write(r.getFloat(), rep, def);
                case BOOLEAN -> (r, w, rep, def) -> w.write(r.getBoolean(), rep, def);
                default -> (r, w, rep, def) -> w.write(r.getBinary(), rep, def);
            };
        }
    }

    /** A converter tree of the schema's shape that ignores every value: the readers are used directly. */
    private static final class IgnoringConverter extends GroupConverter {
        private final Converter[] children;

        IgnoringConverter(GroupType type) {
            children = new Converter[type.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                children[i] = type.getType(i).isPrimitive() ? new PrimitiveConverter() { }
                        : new IgnoringConverter(type.getType(i).asGroupType());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
