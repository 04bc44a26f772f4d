package io.fmslake.merger;

import io.fmslake.deadletter.ExpiredDeadLetters;
import io.fmslake.merge.LakeFile;
import io.fmslake.merge.LakeListing;
import io.fmslake.merge.LeaseLostException;
import io.fmslake.merge.MergeException;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.WindowLeases;
import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DEAD_LETTER_RETENTION}: deletes the dead-letter files whose window ended (closed, {@link WindowCodec#closesAt})
 * at least the retention before {@code now}, whatever their level. Per file, under the lease of the day holding its
 * window (the week for a week file), the same lease a merge of those dead letters takes or overlaps:
 * <ol>
 *   <li>stat the file (gone: nothing to do) and read its footer's coordinates;</li>
 *   <li>lease check, then record them as {@link ExpiredDeadLetters} (put-if-absent; already there after a crash);</li>
 *   <li>lease check, then delete the file only while it is the object read ({@code deleteIfMatch}).</li>
 * </ol>
 * The record always precedes the delete, so {@code verify} never sees an expired dead letter as missing; a crash
 * between the two leaves a record of a file still present, which changes nothing (a present coordinate counts as
 * present).
 */
final class DeadLetterExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExpiry.class);

    /** Files expired, the dead letters they held, and windows that failed. */
    record Outcome(int files, long deadLetters, List<String> failures) {}

    private final ObjectStore store;
    private final WindowCodec codec;
    private final WindowLeases leases;
    private final Duration retention;

    DeadLetterExpiry(ObjectStore store, WindowCodec codec, WindowLeases leases, Duration retention) {
        this.store = store;
        this.codec = codec;
        this.leases = leases;
        this.retention = retention;
    }

    /** True once the retention has passed since the window closed. */
    boolean expired(Window w, Instant now) {
        return !now.isBefore(codec.closesAt(w).plus(retention));
    }

    /** Expires every dead-letter file past the retention, grouped by lease window (of this shard), waiting at most {@code wait}. */
    Outcome run(Instant now, Shard shard, Duration wait) {
        Map<Window, List<LakeFile>> byLease = new TreeMap<>();
        for (LakeFile f : LakeListing.read(store, codec, true).files()) {
            if (expired(f.window(), now)) {
                byLease.computeIfAbsent(leaseWindow(f.window()), w -> new ArrayList<>())
                        .add(f);
            }
        }
        int files = 0;
        long letters = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Window, List<LakeFile>> e : byLease.entrySet()) {
            if (!shard.contains(e.getKey())) {
                continue;
            }
            try (MergeLease lease = leases.acquire(e.getKey(), wait)) {
                for (LakeFile f : e.getValue()) {
                    long n = expire(f, lease, now);
                    if (n >= 0) {
                        files++;
                        letters += n;
                    }
                }
            } catch (LeaseLostException ex) {
                failures.add("expiring dead letters of " + e.getKey() + ": " + ex.getMessage());
                break;
            } catch (MergeException | StoreException | UncheckedIOException | IllegalArgumentException ex) {
                failures.add("expiring dead letters of " + e.getKey() + ": " + ex.getMessage());
                LOG.error("expiring the dead letters of {} failed; they stay: {}", e.getKey(), ex.getMessage(), ex);
            }
        }
        return new Outcome(files, letters, failures);
    }

    /** The dead letters the file held once it is deleted, or -1 when it was gone or re-created meanwhile. */
    private long expire(LakeFile f, MergeLease lease, Instant now) {
        Optional<StoredObject> current = store.stat(f.name());
        if (current.isEmpty()) {
            return -1;
        }
        StoredObject o = current.get();
        String offsets = FileFooter.read(new StoreInputFile(store, o))
                .summary()
                .offsets()
                .encode();
        ExpiredDeadLetters record = new ExpiredDeadLetters(o.key(), offsets, now, retention);
        lease.ensureHeld();
        if (store.tryCreate(record.key(), record.toJson()).isEmpty()) {
            LOG.info("{} was recorded as expired before (a run stopped before its delete)", o.key());
        }
        lease.ensureHeld();
        Deletion d = store.deleteIfMatch(o.key(), o.etag());
        if (d == Deletion.CHANGED) {
            LOG.info("{} was re-created since it was read; left for the next run", o.key());
            return -1;
        }
        long n = record.coordinates().count();
        LOG.info(
                "expired {}: {} dead letter(s), window closed more than {} ago; recorded in {}",
                o.key(),
                n,
                retention,
                record.key());
        return n;
    }

    /** The day holding the window, or the week itself. */
    private Window leaseWindow(Window w) {
        return w.level() == Level.WEEK ? w : codec.parentOf(w, Level.DAY);
    }
}
