/**
 * Lake Parquet files without Hadoop's FileSystem.
 *
 * <p>{@link io.fmslake.parquet.RowFileWriter} writes rows through parquet-java's column writers (no Avro records,
 * no record consumer: each row's packed payload is walked once and its values go to their columns with their
 * levels; pages, encodings, dictionaries, statistics and compression stay parquet-java's) to any {@code OutputFile}:
 * {@link io.fmslake.parquet.LocalFiles#output},
 * {@link io.fmslake.parquet.MemoryOutputFile}. {@link io.fmslake.parquet.RowFileReader} reads rows through its
 * own record materializer from {@link io.fmslake.parquet.LocalFiles#input} (FileChannel, not Parquet's
 * byte-at-a-time {@code LocalInputFile}), {@link io.fmslake.parquet.MemoryInputFile} or
 * {@link io.fmslake.parquet.StoreInputFile} (ranged GETs; a footer costs one request).
 * Every file is sorted by (event time, partition, offset) and carries in its footer the
 * {@link io.fmslake.parquet.FileSummary} keys ({@code fms.rows}, {@code fms.offsets},
 * {@code fms.event_time_min/max} as epoch millis, {@code fms.topic}, {@code fms.format_version}), plus
 * {@code fms.content} and {@code fms.schema}. Codecs: UNCOMPRESSED, SNAPPY, ZSTD, GZIP, LZ4_RAW.
 */
package io.fmslake.parquet;
