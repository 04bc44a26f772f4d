package io.fmslake.deadletter;

import io.fmslake.parquet.ParquetIo;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;

/** Reads a dead-letter file letter by letter, one row group in memory at a time. */
public final class DeadLetterReader implements Closeable {
    private final ParquetFileReader reader;
    private final MessageColumnIO io;
    private final DeadLetterMaterializer materializer;
    private RecordReader<DeadLetter> records;
    private long left;

    private DeadLetterReader(ParquetFileReader reader) {
        this.reader = reader;
        this.io = new ColumnIOFactory()
                .getColumnIO(reader.getFooter().getFileMetaData().getSchema());
        this.materializer =
                new DeadLetterMaterializer(reader.getFooter().getFileMetaData().getSchema());
    }

    /** @throws UncheckedIOException when unreadable; IllegalStateException when not a dead-letter file */
    public static DeadLetterReader open(InputFile in) {
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(in, ParquetIo.readOptions());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dead-letter file " + in, e);
        }
        try {
            return new DeadLetterReader(reader);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    /** The next letter, or null at the end. */
    public DeadLetter next() {
        try {
            while (left == 0) {
                PageReadStore pages = reader.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                left = pages.getRowCount();
                records = io.getRecordReader(pages, materializer);
            }
            left--;
            return records.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a dead-letter row group", e);
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
}
