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
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(new ZstdOutputStream(Files.newOutputStream(file), 1), 1 << 16))) {
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

    /**
     * Sorted in lake order; a coordinate seen twice (a redelivered record) is kept once. The records are sorted by
     * a primitive key (event time above the record's index) and then put in (partition, offset) order where event
     * times are equal: sorting the objects themselves compared two records per step, each a likely cache miss, and
     * took 6% of a backfill's samples.
     */
    static RawRecord[] sortedUnique(List<RawRecord> records) {
        RawRecord[] a = records.toArray(new RawRecord[0]);
        int n = a.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (RawRecord r : a) {
            min = Math.min(min, r.eventTime());
            max = Math.max(max, r.eventTime());
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        RawRecord[] sorted;
        if (n < 2 || max - min >= 1L << (62 - indexBits)) {
            sorted = a;
            Arrays.sort(sorted);
        } else {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = (a[i].eventTime() - min) << indexBits | i;
            }
            Arrays.sort(keys);
            long mask = (1L << indexBits) - 1;
            sorted = new RawRecord[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = a[(int) (keys[i] & mask)];
            }
            for (int i = 1; i < n; i++) { // only records of equal event time move: (partition, offset) order
                RawRecord r = sorted[i];
                int j = i - 1;
                while (j >= 0 && sorted[j].compareTo(r) > 0) {
                    sorted[j + 1] = sorted[j];
                    j--;
                }
                sorted[j + 1] = r;
            }
        }
        int kept = 0;
        for (RawRecord r : sorted) {
            if (kept > 0 && sorted[kept - 1].sameRecord(r)) {
                continue;
            }
            sorted[kept++] = r;
        }
        return kept == n ? sorted : Arrays.copyOf(sorted, kept);
    }
}
