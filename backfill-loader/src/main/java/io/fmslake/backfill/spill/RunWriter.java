package io.fmslake.backfill.spill;

import com.github.luben.zstd.ZstdOutputStream;
import io.fmslake.parquet.FileSummary;
import io.fmslake.row.OffsetSet;
import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Window;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one buffer of records as a sorted run: sorts by (event time, partition, offset), drops a repeated
 * coordinate and writes the records as Kafka delivered them into the spill directory, zstd-compressed (level 1).
 * No Parquet here: a record is encoded to Parquet once, when its target file is written from all its window's runs
 * ({@code publish.Combiner}). Format, after the zstd frame: per record {@code int partition, long offset,
 * long kafkaTimestamp, long eventTime, int keyLength (-1: null), key, int payloadLength, payload}; then
 * {@code int -1}. Thread-safe.
 */
public final class RunWriter implements Spiller {
    static final int END = -1;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");

    private final Path dir;
    private final String topic;
    private final AtomicLong sequence = new AtomicLong();

    public RunWriter(Path dir, String topic) {
        this.dir = dir;
        this.topic = topic;
    }

    public Path dir() {
        return dir;
    }

    /** Sorts and writes the records (the list is not used afterwards). */
    @Override
    public SpillRun write(Window window, List<RawRecord> records, LakeSchema schema) {
        RawRecord[] sorted = sortedUnique(records);
        Path file = dir.resolve(window.level().folder() + "-" + window.start().format(NAME) + "-"
                + sequence.incrementAndGet() + ".run");
        OffsetSet offsets = new OffsetSet();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new ZstdOutputStream(Files.newOutputStream(file), 1), 1 << 16))) {
            for (RawRecord r : sorted) {
                out.writeInt(r.partition());
                out.writeLong(r.offset());
                out.writeLong(r.kafkaTimestamp());
                out.writeLong(r.eventTime());
                writeBytes(out, r.key());
                writeBytes(out, r.payload());
                offsets.add(r.partition(), r.offset());
                min = Math.min(min, r.eventTime());
                max = Math.max(max, r.eventTime());
            }
            out.writeInt(END);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sorted run " + file, e);
        }
        try {
            FileSummary summary = new FileSummary(sorted.length, offsets, min, max, topic);
            return new SpillRun(window, file, summary, Files.size(file), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** Sorted in lake order; a coordinate seen twice (a redelivered record) is kept once. */
    static RawRecord[] sortedUnique(List<RawRecord> records) {
        RawRecord[] a = records.toArray(new RawRecord[0]);
        Arrays.sort(a);
        int n = 0;
        for (RawRecord r : a) {
            if (n > 0 && a[n - 1].sameRecord(r)) {
                continue;
            }
            a[n++] = r;
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }
}
