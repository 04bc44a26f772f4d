package io.fmslake.merge;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterReader;
import io.fmslake.deadletter.DeadLetterWriter;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * How {@link KWayMerge} reads, orders and writes one kind of lake file: rows (ordered by event time) or dead letters
 * (their own schema, ordered by Kafka timestamp); either way then by partition and offset, and one record per
 * coordinate.
 */
interface Records<T> {
    In<T> open(InputFile in);

    Out<T> create(OutputFile out);

    /** The time the files are sorted by: the row's event time, the dead letter's Kafka timestamp. */
    long time(T r);

    int partition(T r);

    long offset(T r);

    /** Reads one sorted file. */
    interface In<T> {
        /** The next record, or null at the end. */
        T next();

        void close();
    }

    /** Writes one part. */
    interface Out<T> {
        void write(T r);

        long estimatedBytes();

        void finish();
    }

    default int compare(T a, T b) {
        int c = Long.compare(time(a), time(b));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(partition(a), partition(b));
        return c != 0 ? c : Long.compare(offset(a), offset(b));
    }

    static Records<Row> rows(LakeSchema schema, ParquetOptions options, String topic) {
        return new Records<>() {
            @Override
            public In<Row> open(InputFile in) {
                RowFileReader reader = RowFileReader.open(in);
                return new In<>() {
                    @Override
                    public Row next() {
                        return reader.next();
                    }

                    @Override
                    public void close() {
                        reader.close();
                    }
                };
            }

            @Override
            public Out<Row> create(OutputFile out) {
                RowFileWriter writer = RowFileWriter.open(out, schema, options, topic);
                return new Out<>() {
                    @Override
                    public void write(Row r) {
                        writer.write(r);
                    }

                    @Override
                    public long estimatedBytes() {
                        return writer.estimatedBytes();
                    }

                    @Override
                    public void finish() {
                        writer.finish();
                    }
                };
            }

            @Override
            public long time(Row r) {
                return r.eventTime();
            }

            @Override
            public int partition(Row r) {
                return r.partition();
            }

            @Override
            public long offset(Row r) {
                return r.offset();
            }
        };
    }

    static Records<DeadLetter> deadLetters(ParquetOptions options, String topic) {
        return new Records<>() {
            @Override
            public In<DeadLetter> open(InputFile in) {
                DeadLetterReader reader = DeadLetterReader.open(in);
                return new In<>() {
                    @Override
                    public DeadLetter next() {
                        return reader.next();
                    }

                    @Override
                    public void close() {
                        reader.close();
                    }
                };
            }

            @Override
            public Out<DeadLetter> create(OutputFile out) {
                DeadLetterWriter writer = DeadLetterWriter.open(out, options, topic);
                return new Out<>() {
                    @Override
                    public void write(DeadLetter d) {
                        writer.write(d);
                    }

                    @Override
                    public long estimatedBytes() {
                        return writer.estimatedBytes();
                    }

                    @Override
                    public void finish() {
                        writer.finish();
                    }
                };
            }

            @Override
            public long time(DeadLetter d) {
                return d.kafkaTimestamp();
            }

            @Override
            public int partition(DeadLetter d) {
                return d.partition();
            }

            @Override
            public long offset(DeadLetter d) {
                return d.offset();
            }
        };
    }
}
