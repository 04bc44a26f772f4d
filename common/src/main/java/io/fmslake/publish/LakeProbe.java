package io.fmslake.publish;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Dead letters ({@link #durableDeadLetters}) are probed the same way under {@code errors/}: the minute's files,
 * then the hour, day and week dead-letter files the merger rolls them up into.
 *
 * <p>Footers already known ({@link KnownFooters}: read before, or written by this process) are not read again: a
 * listed file whose key, ETag and size are known counts with the coordinates remembered for it. The listings still
 * decide which files count, in the same order, so what the probe finds is exactly what reading every listed footer
 * would find; a process flushing a minute in N parts reads each file's footer once instead of N times.
 */
public final class LakeProbe {
    private static final int READ_ATTEMPTS = 3;
    private static final Level[] HIGHER = {Level.HOUR, Level.DAY, Level.WEEK};

    /**
     * What a probe of a minute's rows found.
     *
     * @param durable    every coordinate of the minute durable in minute, hour, day or week files
     * @param baseListed whether the listing showed the minute's base file (so a new file needs the suffix)
     */
    public record Found(OffsetSet durable, boolean baseListed) {}

    private final ObjectStore store;
    private final WindowCodec codec;
    private final OffsetsReader reader;
    private final KnownFooters known;

    /** A probe that reads every listed footer each time. */
    public LakeProbe(ObjectStore store, WindowCodec codec, OffsetsReader reader) {
        this(store, codec, reader, KnownFooters.none());
    }

    /** A probe that reads only footers not in {@code known}, and remembers what it reads there. */
    public LakeProbe(ObjectStore store, WindowCodec codec, OffsetsReader reader, KnownFooters known) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.known = Objects.requireNonNull(known, "known");
    }

    /** Every coordinate of the minute that is durable in minute, hour, day or week files. */
    public OffsetSet durableRows(Window minute) {
        return rows(minute).durable();
    }

    /** The minute's durable coordinates, and whether its base file exists. */
    public Found rows(Window minute) {
        requireMinute(minute);
        OffsetSet durable = new OffsetSet();
        String base = codec.format(LakeKey.of(minute));
        String prefix = codec.prefix(minute);
        List<String> listed = new ArrayList<>();
        for (StoredObject o : store.list(prefix)) {
            if (belongsTo(o.key(), minute, false)) {
                listed.add(o.key());
                durable.addAll(readSurviving(prefix, o));
            }
        }
        known.retain(prefix, listed);
        higherLevels(minute, false, durable);
        return new Found(durable, listed.contains(base));
    }

    /** Adds what the hour, day and week covering the minute hold, in that order (lower level first). */
    private void higherLevels(Window minute, boolean deadLetters, OffsetSet durable) {
        for (Level level : HIGHER) {
            durable.addAll(mergedFiles(codec.parentOf(minute, level), deadLetters));
        }
    }

    /** The coordinates of a window's base file and parts; listed again while one vanished during the reads. */
    private OffsetSet mergedFiles(Window window, boolean deadLetters) {
        OffsetSet found = new OffsetSet();
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            boolean vanished = false;
            for (String prefix : codec.listingPrefixes(window, deadLetters)) {
                List<String> listed = new ArrayList<>();
                for (StoredObject o : store.list(prefix)) {
                    Optional<LakeKey> key = codec.parse(o.key());
                    if (key.isPresent()
                            && key.get().window().equals(window)
                            && key.get().isMerged()
                            && key.get().deadLetter() == deadLetters) {
                        listed.add(o.key());
                        Optional<OffsetSet> read = readIfPresent(prefix, o);
                        read.ifPresent(found::addAll);
                        vanished |= read.isEmpty();
                    }
                }
                known.retain(prefix, listed);
            }
            if (!vanished) {
                break;
            }
        }
        return found;
    }

    /**
     * Every coordinate of the minute durable as a dead letter: in the minute's files under {@code errors/}, then (the
     * same order as for rows, since the merger rolls dead letters up the same way) in the hour, day and week
     * dead-letter files covering it.
     */
    public OffsetSet durableDeadLetters(Window minute) {
        requireMinute(minute);
        OffsetSet durable = new OffsetSet();
        String prefix = codec.deadLetterPrefix(minute);
        List<String> listed = new ArrayList<>();
        for (StoredObject o : store.list(prefix)) {
            if (belongsTo(o.key(), minute, true)) {
                listed.add(o.key());
                durable.addAll(readSurviving(prefix, o));
            }
        }
        known.retain(prefix, listed);
        higherLevels(minute, true, durable);
        return durable;
    }

    /**
     * Tells the probe about a lake file this process has just created (key, ETag and size as the store answered,
     * its coordinates), so later probes need not read its footer. {@code offsets} must not be changed afterwards.
     */
    public void written(String key, String etag, long size, OffsetSet offsets) {
        LakeKey parsed = codec.parse(key).orElseThrow(() -> new IllegalArgumentException("not a lake key: " + key));
        String prefix = parsed.deadLetter() ? codec.deadLetterPrefix(parsed.window()) : codec.prefix(parsed.window());
        known.remember(prefix, new StoredObject(key, size, null, etag), offsets);
    }

    private boolean belongsTo(String key, Window minute, boolean deadLetter) {
        Optional<LakeKey> parsed = codec.parse(key);
        return parsed.isPresent()
                && parsed.get().window().equals(minute)
                && parsed.get().deadLetter() == deadLetter;
    }

    /** The file's offsets; empty when it vanished meanwhile (its records then live in a higher level). */
    private OffsetSet readSurviving(String prefix, StoredObject object) {
        return readIfPresent(prefix, object).orElseGet(OffsetSet::new);
    }

    /**
     * The file's offsets: known ones, else read (again if it was replaced while read) and remembered; empty when it
     * vanished.
     */
    private Optional<OffsetSet> readIfPresent(String prefix, StoredObject object) {
        Optional<OffsetSet> remembered = known.lookup(prefix, object);
        if (remembered.isPresent()) {
            return remembered;
        }
        StoredObject current = object;
        RuntimeException last = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            try {
                OffsetSet read = reader.read(store, current);
                known.remember(prefix, current, read);
                return Optional.of(read);
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
