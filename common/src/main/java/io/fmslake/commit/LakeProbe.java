package io.fmslake.commit;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds which Kafka coordinates of a minute are already durable in the lake, so a writer that may be replaying
 * drops them instead of writing them twice.
 *
 * <p>Order matters. The merger publishes the higher-level target first and deletes the lower-level inputs after,
 * so the probe looks LOWER level first: the minute prefix (base and suffixed files), then the hour, day and week
 * files covering the minute. A record that moves up while the probe runs is therefore seen at least once: if its
 * minute file is gone when listed or read, the hour (published before the deletion) is looked at later, and so on
 * up to the week. A file that disappears between listing and reading is skipped for the same reason. A merge
 * target replaced while read is read again. An hour, day or week may be written as several parts (base file and
 * {@code -part-} files): all of them are read; parts of one window replace each other (the new one is created before
 * the old one is deleted), so when one vanishes while read the window is listed again.
 */
public final class LakeProbe {
    private static final int READ_ATTEMPTS = 3;
    private static final Level[] HIGHER = {Level.HOUR, Level.DAY, Level.WEEK};

    private final ObjectStore store;
    private final WindowCodec codec;
    private final OffsetsReader reader;

    public LakeProbe(ObjectStore store, WindowCodec codec, OffsetsReader reader) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Every coordinate of the minute that is durable in minute, hour, day or week files. */
    public OffsetSet durableRows(Window minute) {
        requireMinute(minute);
        OffsetSet durable = new OffsetSet();
        for (StoredObject o : store.list(codec.prefix(minute))) {
            if (belongsTo(o.key(), minute, false)) {
                durable.addAll(readSurviving(o));
            }
        }
        for (Level level : HIGHER) {
            durable.addAll(mergedFiles(codec.parentOf(minute, level)));
        }
        return durable;
    }

    /** The coordinates of a window's base file and parts; listed again while one vanished during the reads. */
    private OffsetSet mergedFiles(Window window) {
        OffsetSet found = new OffsetSet();
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            boolean vanished = false;
            for (StoredObject o : store.list(codec.prefix(window))) {
                Optional<LakeKey> key = codec.parse(o.key());
                if (key.isPresent() && key.get().window().equals(window) && key.get().isMerged()) {
                    Optional<OffsetSet> read = readIfPresent(o);
                    read.ifPresent(found::addAll);
                    vanished |= read.isEmpty();
                }
            }
            if (!vanished) {
                break;
            }
        }
        return found;
    }

    /** Every coordinate durable in the minute's dead-letter files ({@code errors/}, never merged). */
    public OffsetSet durableDeadLetters(Window minute) {
        requireMinute(minute);
        OffsetSet durable = new OffsetSet();
        for (StoredObject o : store.list(codec.deadLetterPrefix(minute))) {
            if (belongsTo(o.key(), minute, true)) {
                durable.addAll(readSurviving(o));
            }
        }
        return durable;
    }

    private boolean belongsTo(String key, Window minute, boolean deadLetter) {
        Optional<LakeKey> parsed = codec.parse(key);
        return parsed.isPresent() && parsed.get().window().equals(minute) && parsed.get().deadLetter() == deadLetter;
    }

    /** The file's offsets; empty when it vanished meanwhile (its records then live in a higher level). */
    private OffsetSet readSurviving(StoredObject object) {
        return readIfPresent(object).orElseGet(OffsetSet::new);
    }

    /** The file's offsets, read again if it was replaced while read; empty when it vanished. */
    private Optional<OffsetSet> readIfPresent(StoredObject object) {
        StoredObject current = object;
        RuntimeException last = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            try {
                return Optional.of(reader.read(store, current));
            } catch (RuntimeException e) {
                last = e;
                Optional<StoredObject> now = store.stat(current.key());
                if (now.isEmpty()) {
                    return Optional.empty();
                }
                if (now.get().etag().equals(current.etag()) && now.get().size() == current.size()) {
                    throw e;
                }
                current = now.get();
            }
        }
        throw last;
    }

    private static void requireMinute(Window w) {
        if (w.level() != Level.MINUTE) {
            throw new IllegalArgumentException("the probe works per minute, got " + w);
        }
    }
}
