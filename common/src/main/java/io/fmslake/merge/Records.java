package io.fmslake.merge;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterReader;
import io.fmslake.deadletter.DeadLetterWriter;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
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

        static <T> In<T> of(Supplier<T> next, Runnable close) {
            return new In<>() {
                @Override
                public T next() {
                    return next.get();
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }

    /** Writes one part. */
    interface Out<T> {
        void write(T r);

        long estimatedBytes();

        void finish();

        static <T> Out<T> of(Consumer<T> write, LongSupplier estimatedBytes, Runnable finish) {
            return new Out<>() {
                @Override
                public void write(T r) {
                    write.accept(r);
                }

                @Override
                public long estimatedBytes() {
                    return estimatedBytes.getAsLong();
                }

                @Override
                public void finish() {
                    finish.run();
                }
            };
        }
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
        return new Kind<>(
                in -> {
                    RowFileReader reader = RowFileReader.open(in);
                    return In.of(reader::next, reader::close);
                },
                out -> {
                    RowFileWriter writer = RowFileWriter.open(out, schema, options, topic);
                    return Out.of(writer::write, writer::estimatedBytes, writer::finish);
                },
                Row::eventTime,
                Row::partition,
                Row::offset);
    }

    static Records<DeadLetter> deadLetters(ParquetOptions options, String topic) {
        return new Kind<>(
                in -> {
                    DeadLetterReader reader = DeadLetterReader.open(in);
                    return In.of(reader::next, reader::close);
                },
                out -> {
                    DeadLetterWriter writer = DeadLetterWriter.open(out, options, topic);
                    return Out.of(writer::write, writer::estimatedBytes, writer::finish);
                },
                DeadLetter::kafkaTimestamp,
                DeadLetter::partition,
                DeadLetter::offset);
    }

    /** One kind of file, from its reader, its writer and its record's sort key. */
    record Kind<T>(
            Function<InputFile, In<T>> opener,
            Function<OutputFile, Out<T>> creator,
            ToLongFunction<T> timeOf,
            ToIntFunction<T> partitionOf,
            ToLongFunction<T> offsetOf)
            implements Records<T> {
        @Override
        public In<T> open(InputFile in) {
            return opener.apply(in);
        }

        @Override
        public Out<T> create(OutputFile out) {
            return creator.apply(out);
        }

        @Override
        public long time(T r) {
            return timeOf.applyAsLong(r);
        }

        @Override
        public int partition(T r) {
            return partitionOf.applyAsInt(r);
        }

        @Override
        public long offset(T r) {
            return offsetOf.applyAsLong(r);
        }
    }
}
