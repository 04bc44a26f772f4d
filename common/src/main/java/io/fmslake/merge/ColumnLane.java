package io.fmslake.merge;

import io.fmslake.parquet.ParquetIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * One thread's share of a {@link ColumnCopy}: a subset of the columns, read from each input through a reader of its
 * own that fetches only those columns, and copied value by value (with repetition and definition levels) into the
 * sink's writers of the same columns. Lanes never touch each other's columns, so they run in parallel between the
 * sink's record bookkeeping.
 */
final class ColumnLane implements AutoCloseable {
    private final MessageType projection;
    private final int[] columns;
    private final ColumnDescriptor[] descriptors;
    private final ColumnCopy.ValueCopier[] copiers;
    private final ColumnReader[] readers;
    private final long[] left;
    private ParquetFileReader file;
    private String createdBy;

    /** @param columns indexes into {@code schema.getColumns()} */
    ColumnLane(MessageType schema, int[] columns) {
        this.columns = columns.clone();
        List<ColumnDescriptor> all = schema.getColumns();
        this.descriptors = new ColumnDescriptor[columns.length];
        this.copiers = new ColumnCopy.ValueCopier[columns.length];
        List<String[]> paths = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            descriptors[i] = all.get(columns[i]);
            copiers[i] = ColumnCopy.ValueCopier.of(descriptors[i]);
            paths.add(descriptors[i].getPath());
        }
        this.projection = new MessageType(schema.getName(), project(schema, paths, 0));
        this.readers = new ColumnReader[columns.length];
        this.left = new long[columns.length];
    }

    /** Opens the next input; its row groups are then read with {@link #nextRowGroup()}. */
    void open(InputFile input) {
        close();
        try {
            file = ParquetFileReader.open(input, ParquetIo.readOptions());
            file.setRequestedSchema(projection);
            createdBy = file.getFooter().getFileMetaData().getCreatedBy();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + input, e);
        }
    }

    /** Moves to the input's next row group; its row count, or -1 at the end of the input. */
    long nextRowGroup() {
        try {
            PageReadStore group = file.readNextRowGroup();
            if (group == null) {
                return -1;
            }
            ColumnReadStoreImpl store =
                    new ColumnReadStoreImpl(group, new IgnoringConverter(projection), projection, createdBy);
            for (int i = 0; i < descriptors.length; i++) {
                readers[i] = store.getColumnReader(descriptors[i]);
                left[i] = readers[i].getTotalValueCount();
            }
            return group.getRowCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the next {@code records} records of this lane's columns into the sink's current writers. */
    void copy(RowGroupSink sink, int records) {
        for (int i = 0; i < descriptors.length; i++) {
            ColumnReader r = readers[i];
            ColumnWriter w = sink.writer(columns[i]);
            ColumnCopy.ValueCopier copier = copiers[i];
            int maxDef = descriptors[i].getMaxDefinitionLevel();
            long remaining = left[i];
            for (int n = 0; n < records; n++) {
                do {
                    int rep = r.getCurrentRepetitionLevel();
                    int def = r.getCurrentDefinitionLevel();
                    if (def == maxDef) {
                        copier.copy(r, w, rep, def);
                    } else {
                        w.writeNull(rep, def);
                    }
                    r.consume();
                    remaining--;
                } while (remaining > 0 && r.getCurrentRepetitionLevel() != 0);
            }
            left[i] = remaining;
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                file = null;
            }
        }
    }

    /** The fields of {@code group} that lead to one of {@code paths} (below {@code depth}), pruned likewise. */
    private static List<Type> project(GroupType group, List<String[]> paths, int depth) {
        List<Type> kept = new ArrayList<>();
        for (Type field : group.getFields()) {
            List<String[]> below = paths.stream()
                    .filter(p -> p.length > depth && p[depth].equals(field.getName()))
                    .toList();
            if (below.isEmpty()) {
                continue;
            }
            kept.add(
                    field.isPrimitive()
                            ? field
                            : field.asGroupType().withNewFields(project(field.asGroupType(), below, depth + 1)));
        }
        return kept;
    }

    /** A converter tree of the schema's shape that ignores every value: the column readers are used directly. */
    private static final class IgnoringConverter extends GroupConverter {
        private final Converter[] children;

        IgnoringConverter(GroupType type) {
            children = new Converter[type.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                children[i] = type.getType(i).isPrimitive()
                        ? new PrimitiveConverter() {}
                        : new IgnoringConverter(type.getType(i).asGroupType());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }
}
