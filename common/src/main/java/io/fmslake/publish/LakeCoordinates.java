package io.fmslake.publish;

import io.fmslake.merge.LakeFile;
import io.fmslake.merge.LakeListing;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.WindowCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kafka coordinates the whole lake holds, from the {@code fms.offsets} footer of every file: the four tiers and
 * the dead letters under {@code errors/}. One ranged GET per file.
 *
 * <p>What it says is safe to resume from: a footer lists only coordinates of a file that exists, so the lake holds
 * at least what this reports. A listing is no snapshot: a file the merger deletes between the listing and the read
 * (its records moved up a tier) is skipped, which can only make the lake look smaller than it is. Resume points
 * computed from it ({@link #firstMissing}) may therefore re-read durable records, which the publisher's probe drops,
 * but never skip one that is not durable.
 */
public final class LakeCoordinates {
    private static final int ATTEMPTS = 3;

    private final List<OffsetSet> files;
    private final OffsetSet union = new OffsetSet();

    private LakeCoordinates(List<OffsetSet> files) {
        this.files = List.copyOf(files);
        files.forEach(union::addAll);
    }

    /** The coordinates of these files (one offset set per file). */
    public static LakeCoordinates of(List<OffsetSet> files) {
        return new LakeCoordinates(files);
    }

    /**
     * Reads every lake file's footer. A file that vanished meanwhile is skipped; any other failure (a merge target
     * replaced while read, a store error) restarts the scan, at most three times in all.
     */
    public static LakeCoordinates read(ObjectStore store, WindowCodec codec, OffsetsReader reader) {
        Objects.requireNonNull(reader, "reader");
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return scan(store, codec, reader);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private static LakeCoordinates scan(ObjectStore store, WindowCodec codec, OffsetsReader reader) {
        List<StoredObject> objects = new ArrayList<>();
        LakeListing.read(store, codec).files().stream().map(LakeFile::object).forEach(objects::add);
        for (StoredObject o : store.list(LakeKey.ERRORS + "/")) {
            if (codec.parse(o.key()).map(LakeKey::deadLetter).orElse(false)) {
                objects.add(o);
            }
        }
        List<OffsetSet> sets = new ArrayList<>();
        for (StoredObject o : objects) {
            readIfPresent(store, reader, o).ifPresent(sets::add);
        }
        return new LakeCoordinates(sets);
    }

    private static Optional<OffsetSet> readIfPresent(ObjectStore store, OffsetsReader reader, StoredObject o) {
        try {
            return Optional.of(reader.read(store, o));
        } catch (RuntimeException e) {
            if (store.stat(o.key()).isEmpty()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One offset set per file read. */
    public List<OffsetSet> files() {
        return files;
    }

    /** Every coordinate held by at least one file (a copy). */
    public OffsetSet union() {
        OffsetSet copy = new OffsetSet();
        copy.addAll(union);
        return copy;
    }

    /** True when no file holds any record. */
    public boolean isEmpty() {
        return union.isEmpty();
    }

    /** True when some file holds a record of the partition. */
    public boolean holds(int partition) {
        return union.min(partition) >= 0;
    }

    /** The lowest offset of the partition in the lake, or -1 when it holds none. */
    public long lowest(int partition) {
        return union.min(partition);
    }

    /** The highest offset of the partition in the lake, or -1 when it holds none. */
    public long highest(int partition) {
        return union.max(partition);
    }

    /** The first offset at or above {@code from} that no file holds for the partition. */
    public long firstMissing(int partition, long from) {
        long next = from;
        for (long[] range : union.ranges(partition)) {
            if (range[0] > next) {
                break;
            }
            next = Math.max(next, range[1] + 1);
        }
        return next;
    }
}
