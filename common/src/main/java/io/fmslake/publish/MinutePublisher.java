package io.fmslake.publish;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LakeFileMetadata;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.UserMetadata;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Writes a minute's records into the lake exactly once, with write-once objects only.
 *
 * <ol>
 *   <li>Probe the lake ({@link LakeProbe}) and drop the records it already holds; stop if none is left.</li>
 *   <li>Encode the rest as one Parquet file.</li>
 *   <li>Create the base key {@code minute/YYYYMMDD_HHMM.parquet} with put-if-absent, unless the probe listed it.
 *       Taken? Probe again (the holder may be an earlier attempt of the same records) and create
 *       {@code ...-p<P>o<O>.parquet}, named by the file's lowest coordinate, so that a retry of the same content
 *       meets the same key.</li>
 *   <li>That key taken too means the record (P,O) became durable since the probe: a replay or a concurrent writer.
 *       Probe again and retry, a bounded number of times.</li>
 * </ol>
 * Dead letters follow the same steps under {@code errors/}, always with the suffix. A file created is told to the
 * probe ({@link LakeProbe#written}), so that later probes of the minute need not read its footer. Each file carries
 * its footer summary as S3 user metadata ({@link LakeFileMetadata}; dead letters also their reasons). Thread-safe.
 */
public final class MinutePublisher {
    /** Rounds before giving up; every failed round means another coordinate became durable meanwhile. */
    static final int MAX_ATTEMPTS = 8;

    private final ObjectStore store;
    private final WindowCodec codec;
    private final LakeProbe probe;
    private final LakeFileEncoder encoder;
    private final Clock clock;
    private final UploadListener listener;

    public MinutePublisher(
            ObjectStore store,
            WindowCodec codec,
            LakeProbe probe,
            LakeFileEncoder encoder,
            Clock clock,
            UploadListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Publishes rows of one minute (event time in the lake's zone); any order, repeats allowed. */
    public Publication publishRows(Window minute, List<Row> rows) {
        return publishRows(minute, rows, Optional.empty());
    }

    /**
     * As {@link #publishRows(Window, List)}, given the schema inferred from exactly these rows (used while no row
     * is dropped as already durable, which spares a pass over the rows).
     */
    public Publication publishRows(Window minute, List<Row> rows, Optional<LakeSchema> schemaOfRows) {
        requireMinute(minute);
        List<Row> sorted = Batches.sortedDistinct(rows, Comparator.naturalOrder(), Row::partition, Row::offset);
        return publish(
                minute,
                false,
                sorted,
                Row::partition,
                Row::offset,
                pending -> encoder.encodeRows(
                        pending, clock.millis(), pending.size() == sorted.size() ? schemaOfRows : Optional.empty()),
                (pending, summary) -> LakeFileMetadata.of(summary));
    }

    /** Publishes dead letters of one minute (by Kafka timestamp); any order, repeats allowed. */
    public Publication publishDeadLetters(Window minute, List<DeadLetter> letters) {
        requireMinute(minute);
        Comparator<DeadLetter> order = Comparator.comparingLong(DeadLetter::kafkaTimestamp)
                .thenComparingInt(DeadLetter::partition)
                .thenComparingLong(DeadLetter::offset);
        List<DeadLetter> sorted = Batches.sortedDistinct(letters, order, DeadLetter::partition, DeadLetter::offset);
        return publish(
                minute,
                true,
                sorted,
                DeadLetter::partition,
                DeadLetter::offset,
                encoder::encodeDeadLetters,
                (pending, summary) -> LakeFileMetadata.ofDeadLetters(
                        summary, pending.stream().map(DeadLetter::reason).toList()));
    }

    private <T> Publication publish(
            Window minute,
            boolean deadLetters,
            List<T> records,
            ToIntFunction<T> partition,
            ToLongFunction<T> offset,
            Function<List<T>, EncodedFile> encode,
            BiFunction<List<T>, FileSummary, UserMetadata> describe) {
        Instant start = clock.instant();
        boolean baseTaken = deadLetters;
        List<T> encodedFor = null;
        EncodedFile file = null;
        UserMetadata metadata = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            LakeProbe.Found found =
                    deadLetters ? new LakeProbe.Found(probe.durableDeadLetters(minute), true) : probe.rows(minute);
            List<T> pending = Batches.without(records, found.durable(), partition, offset);
            if (pending.isEmpty()) {
                return result(minute, deadLetters, Optional.empty(), 0, 0, records.size(), attempt, start, "");
            }
            if (file == null || pending.size() != encodedFor.size()) {
                file = encode.apply(pending);
                metadata = describe.apply(pending, file.summary());
                encodedFor = pending;
            }
            baseTaken |= found.baseListed();
            String key;
            if (!baseTaken) {
                key = codec.format(LakeKey.of(minute));
                baseTaken = true;
            } else {
                key = suffixedKey(minute, deadLetters, file.summary().offsets());
            }
            Optional<String> etag = store.tryCreate(key, file.bytes(), metadata);
            if (etag.isPresent()) {
                String offsets = file.summary().offsets().encode();
                probe.written(key, etag.get(), file.size(), OffsetSet.decode(offsets));
                listener.uploaded(key);
                return result(
                        minute,
                        deadLetters,
                        Optional.of(key),
                        pending.size(),
                        file.size(),
                        records.size() - pending.size(),
                        attempt,
                        start,
                        offsets);
            }
        }
        throw new StoreException("gave up publishing " + minute + (deadLetters ? " dead letters" : "") + " after "
                + MAX_ATTEMPTS + " key conflicts; an object under its prefix may not be a lake file");
    }

    /** {@code -p<P>o<O>}: the lowest partition of the file and its lowest offset there. */
    static String suffix(OffsetSet offsets) {
        int p = offsets.partitions().get(0);
        return "p" + p + "o" + offsets.min(p);
    }

    private String suffixedKey(Window minute, boolean deadLetters, OffsetSet offsets) {
        String s = suffix(offsets);
        return codec.format(deadLetters ? LakeKey.deadLetter(minute, s) : LakeKey.of(minute, s));
    }

    private Publication result(
            Window minute,
            boolean deadLetters,
            Optional<String> key,
            long rows,
            long bytes,
            long alreadyDurable,
            int attempts,
            Instant start,
            String offsets) {
        Instant end = clock.instant();
        return new Publication(
                minute,
                deadLetters,
                key,
                rows,
                bytes,
                alreadyDurable,
                attempts,
                end,
                Duration.between(start, end),
                offsets);
    }

    private static void requireMinute(Window w) {
        if (w.level() != Level.MINUTE) {
            throw new IllegalArgumentException("files are published per minute, got " + w);
        }
    }

    /** Small list helpers for the publisher. */
    static final class Batches {
        private Batches() {}

        static <T> List<T> sortedDistinct(
                List<T> in, Comparator<T> order, ToIntFunction<T> partition, ToLongFunction<T> offset) {
            List<T> sorted = new ArrayList<>(in);
            sorted.sort(order);
            List<T> out = new ArrayList<>(sorted.size());
            T prev = null;
            for (T t : sorted) {
                if (prev == null
                        || partition.applyAsInt(prev) != partition.applyAsInt(t)
                        || offset.applyAsLong(prev) != offset.applyAsLong(t)) {
                    out.add(t);
                }
                prev = t;
            }
            return out;
        }

        static <T> List<T> without(
                List<T> in, OffsetSet durable, ToIntFunction<T> partition, ToLongFunction<T> offset) {
            if (durable.isEmpty()) {
                return in;
            }
            List<T> out = new ArrayList<>(in.size());
            for (T t : in) {
                if (!durable.contains(partition.applyAsInt(t), offset.applyAsLong(t))) {
                    out.add(t);
                }
            }
            return out;
        }
    }
}
