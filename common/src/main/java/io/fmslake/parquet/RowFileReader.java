package io.fmslake.parquet;

import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows of a lake Parquet file in file order, without Avro records. Null payload fields are absent
 * from the rows' payloads. I/O errors are thrown as {@link UncheckedIOException}. Not thread-safe.
 */
public final class RowFileReader implements Closeable {
    private final ParquetFileReader reader;
    private final LakeSchema schema;
    private final Map<String, String> footer;
    private final MessageColumnIO columnIO;
    private final RowMaterializer materializer;
    private RecordReader<Row> records;
    private long left;

    private RowFileReader(ParquetFileReader reader) {
        this.reader = reader;
        MessageType file = reader.getFooter().getFileMetaData().getSchema();
        this.footer = reader.getFooter().getFileMetaData().getKeyValueMetaData();
        this.schema = FileSchemas.schema(file, footer);
        this.columnIO = new ColumnIOFactory().getColumnIO(file);
        this.materializer = new RowMaterializer(file, schema);
    }

    /** @throws UncheckedIOException when the file cannot be read; IllegalStateException when not a lake file */
    public static RowFileReader open(InputFile in) {
        ParquetFileReader reader = null;
        try {
            reader = ParquetFileReader.open(in, ParquetIo.readOptions());
            return new RowFileReader(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open Parquet file " + in, e);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    public LakeSchema schema() {
        return schema;
    }

    /** The footer summary. @throws IllegalArgumentException when the file has no lake footer */
    public FileSummary summary() {
        return FileSummary.fromFooter(footer);
    }

    /** The next row with all its metadata (ingest time included), or null at the end. */
    public Row next() {
        try {
            while (true) {
                if (left > 0) {
                    left--;
                    Row r = records.read();
                    if (r != null) {
                        return r;
                    }
                    continue;
                }
                PageReadStore pages = reader.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                left = pages.getRowCount();
                records = columnIO.getRecordReader(pages, materializer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet row group", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(ParquetFileReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing
            }
        }
    }
}
