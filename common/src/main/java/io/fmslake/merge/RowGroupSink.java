package io.fmslake.merge;

import io.fmslake.parquet.ParquetOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Column writers over a Parquet file, record by record, that close a row group whenever its buffered size reaches
 * the configured row group size (what {@code ParquetWriter} does internally, without a record model). Encoding
 * settings match the lake's row writer: dictionary on, v1 pages, no checksums, no bloom filters.
 */
final class RowGroupSink implements AutoCloseable {
    private final ParquetFileWriter file;
    private final MessageType schema;
    private final List<ColumnDescriptor> columns;
    private final ParquetProperties props;
    private final CodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private long records;

    private RowGroupSink(ParquetFileWriter file, MessageType schema, ParquetOptions options) {
        this.file = file;
        this.schema = schema;
        this.columns = schema.getColumns();
        this.props = ParquetProperties.builder()
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(true)
                .withPageWriteChecksumEnabled(false)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
        this.codecs = new CodecFactory(new Configuration(false), options.pageBytes());
        this.compressor = codecs.getCompressor(CompressionCodecName.valueOf(options.compression()));
        this.rowGroupBytes = options.rowGroupBytes();
        newRowGroup();
    }

    static RowGroupSink open(OutputFile out, MessageType schema, ParquetOptions options) throws IOException {
        ParquetFileWriter file =
                new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, options.rowGroupBytes(), 0);
        file.start();
        return new RowGroupSink(file, schema, options);
    }

    ColumnWriter writer(int column) {
        return writers[column];
    }

    /**
     * Counts {@code n} records whose values every column writer has received (closing pages that are full), then
     * closes the row group if it has reached the configured size. Call only while no lane is writing.
     */
    void endRecords(int n) {
        for (int i = 0; i < n; i++) {
            store.endRecord();
        }
        records += n;
        if (store.getBufferedSize() >= rowGroupBytes) {
            flush();
            newRowGroup();
        }
    }

    /** Bytes written to the file plus bytes buffered for the current row group: about its size if finished now. */
    long size() {
        try {
            return file.getPos() + store.getBufferedSize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the last row group and the footer. */
    void finish(Map<String, String> keyValueMetadata) throws IOException {
        flush();
        file.end(keyValueMetadata);
    }

    private void newRowGroup() {
        pages = new ColumnChunkPageWriteStore(
                compressor, schema, HeapByteBufferAllocator.getInstance(), props.getColumnIndexTruncateLength(), false);
        store = props.newColumnWriteStore(schema, pages);
        writers = new ColumnWriter[columns.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = store.getColumnWriter(columns.get(c));
        }
        records = 0;
    }

    private void flush() {
        try {
            if (records > 0) {
                file.startBlock(records);
                store.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
            store.close();
            pages.close();
            records = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        codecs.release();
    }
}
