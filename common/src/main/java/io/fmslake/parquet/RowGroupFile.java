package io.fmslake.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file filled through parquet-java's column writers: its {@link ParquetFileWriter}, and per row group a
 * {@link ColumnChunkPageWriteStore} with a column write store over it (pages, encodings, dictionaries, statistics and
 * compression are parquet-java's). Row groups are cut where {@code ParquetWriter} cuts them: the buffered size is
 * checked after a number of records estimated from the record size so far, and the group is flushed when it is
 * within two records of the configured size. Not thread-safe.
 */
final class RowGroupFile {
    private final ParquetFileWriter file;
    private final MessageType schema;
    private final ParquetProperties props;
    private final CodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private long nextRowGroupBytes;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long records;
    private long nextSizeCheck;
    private long lastRowGroupEnd;

    private RowGroupFile(ParquetFileWriter file, MessageType schema, ParquetProperties props, ParquetOptions options) {
        this.file = file;
        this.schema = schema;
        this.props = props;
        this.codecs = new CodecFactory(new Configuration(false), props.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(CompressionCodecName.valueOf(options.compression()));
        this.rowGroupBytes = options.rowGroupBytes();
        this.nextRowGroupBytes = rowGroupBytes;
        this.nextSizeCheck = props.getMinRowCountForPageSizeCheck();
        newRowGroup();
    }

    static RowGroupFile open(OutputFile out, MessageType schema, ParquetProperties props, ParquetOptions options)
            throws IOException {
        ParquetFileWriter file = new ParquetFileWriter(
                out,
                schema,
                ParquetFileWriter.Mode.OVERWRITE,
                options.rowGroupBytes(),
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
                null,
                props);
        file.start();
        return new RowGroupFile(file, schema, props, options);
    }

    /** The column writers' store of the current row group (replaced when {@link #endRecord()} says so). */
    ColumnWriteStore store() {
        return store;
    }

    /**
     * Ends a record whose values every column writer has received.
     *
     * @return true when the row group was written out and a new one begun: take the writers from {@link #store()}
     */
    boolean endRecord() {
        store.endRecord();
        records++;
        if (records < nextSizeCheck) {
            return false;
        }
        long buffered = store.getBufferedSize();
        long recordSize = buffered / records;
        if (buffered > nextRowGroupBytes - 2 * recordSize) {
            flush();
            newRowGroup();
            // ParquetWriter computes this from the record count after the flush, i.e. from 0
            nextSizeCheck = props.getMinRowCountForPageSizeCheck();
            return true;
        }
        nextSizeCheck = Math.min(
                Math.max(
                        props.getMinRowCountForPageSizeCheck(),
                        (records + (long) (nextRowGroupBytes / ((float) recordSize))) / 2),
                records + props.getMaxRowCountForPageSizeCheck());
        return false;
    }

    /** Bytes written plus bytes buffered. */
    long dataSize() {
        return lastRowGroupEnd + (store == null ? 0 : store.getBufferedSize());
    }

    /** Writes the last row group and the footer with this key-value metadata, and closes the output. */
    void finish(Map<String, String> keyValueMetadata) {
        try {
            flush();
            file.end(keyValueMetadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish Parquet file", e);
        } finally {
            abandon();
        }
    }

    /** Closes the output without a footer (what a failed record leaves is not a Parquet file). */
    void abandon() {
        try {
            closeRowGroup();
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close Parquet output", e);
        } finally {
            codecs.release();
        }
    }

    private void closeRowGroup() {
        if (store != null) {
            store.close();
            pages.close();
            store = null;
            pages = null;
        }
    }

    private void newRowGroup() {
        pages = new ColumnChunkPageWriteStore(
                compressor,
                schema,
                props.getAllocator(),
                props.getColumnIndexTruncateLength(),
                props.getPageWriteChecksumEnabled(),
                null,
                0);
        store = props.newColumnWriteStore(schema, pages, pages);
    }

    private void flush() {
        try {
            if (records > 0) {
                file.startBlock(records);
                store.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
                nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
                lastRowGroupEnd = file.getPos();
            }
            records = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeRowGroup();
        }
    }
}
