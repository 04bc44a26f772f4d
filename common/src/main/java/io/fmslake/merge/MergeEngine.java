package io.fmslake.merge;

import io.fmslake.schema.LakeSchema;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link MergePlan} under the lease of its target window ({@link WindowLeases}). Publish protocol
 * (DESIGN-merger.md):
 * <ol>
 *   <li>open every input where it lies (store objects by ranged reads, never downloaded whole) and check each footer
 *       still matches the plan;</li>
 *   <li>stream them into local parts, one at a time, each cut at the target size (unchanged single input, byte
 *       copy, column copy, or the row-wise k-way merge that deduplicates and drops the kept parts' rows);</li>
 *   <li>verify each part: its rows are distinct, planned, and in no earlier part; the scratch within its budget;</li>
 *   <li>check the lease, then upload the part conditionally (the base key on the planned condition when it is the
 *       only output and nothing is kept, else its part key if absent), read it back, remove it locally;</li>
 *   <li>after the last part, check the parts hold exactly the planned coordinates;</li>
 *   <li>check the lease, then delete the window's replaced files and the files folded in (never a key just
 *       published), each only while it is the object planned (its ETag), in two halves with a lease check
 *       between.</li>
 * </ol>
 * A crash before step 6 leaves every input in place; after it, the inputs' rows are in the parts and a rerun deletes
 * what is contained in the rest, or merges again dropping duplicates. Local files are always removed.
 */
public final class MergeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MergeEngine.class);
    private static final String WORK_PREFIX = "fms-merge-";

    private final ObjectStore store;
    private final MergeOptions options;
    private final Clock clock;
    private final CrashPoint.Hook hook;
    private final TargetPublisher publisher;
    /** Merges of one target window run one at a time in this process (the lease keeps other processes out). */
    private final Map<Window, ReentrantLock> windows = new ConcurrentHashMap<>();

    public MergeEngine(ObjectStore store, MergeOptions options, Clock clock, CrashPoint.Hook hook) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.publisher = new TargetPublisher(store, hook);
    }

    public MergeOptions options() {
        return options;
    }

    /**
     * Merges one plan. Merges of distinct windows may run on several threads; two of the same window (e.g. two
     * loaders' windows inside one existing week) run one after the other, and the later fails with "plan again" if
     * the earlier changed the window's files it planned with.
     */
    public MergeResult execute(MergePlan plan, MergeLease lease) {
        ReentrantLock lock = windows.computeIfAbsent(plan.target(), w -> new ReentrantLock());
        lock.lock();
        try {
            checkWindowUnchanged(plan);
            return run(plan, lease);
        } finally {
            lock.unlock();
        }
    }

    /** Every file of the target window the plan reads or keeps must still be the object planned (its ETag). */
    private void checkWindowUnchanged(MergePlan plan) {
        List<StoredObject> own = new ArrayList<>(plan.kept());
        for (MergeInput in : plan.inputs()) {
            if (in instanceof MergeInput.StoreFile sf
                    && plan.codec()
                            .parse(sf.object().key())
                            .filter(k -> k.window().equals(plan.target()) && k.isMerged())
                            .isPresent()) {
                own.add(sf.object());
            }
        }
        for (StoredObject o : own) {
            Optional<StoredObject> now = store.stat(o.key());
            if (now.isEmpty() || !now.get().etag().equals(o.etag())) {
                throw new MergeException(o.key() + " changed since the merge into " + plan.targetKey()
                        + " was planned (another merge of the window); nothing written, plan again");
            }
        }
    }

    private MergeResult run(MergePlan plan, MergeLease lease) {
        Instant start = clock.instant();
        Path work = createWorkDir();
        try {
            lease.ensureHeld();
            Parts parts = new Parts(plan, options, work, lease, hook, publisher);
            MergeResult.Strategy strategy = MergeResult.Strategy.DELETE_ONLY;
            long duplicates = plan.duplicates();
            if (plan.expectedRows() > 0) {
                List<Source> sources = Sources.open(store, plan, options.topic(), hook);
                strategy = options.rowMergeOnly()
                        ? MergeResult.Strategy.REENCODE
                        : CopyRule.choose(
                                sources,
                                plan.target().level(),
                                options.byteCopyMinRowGroupBytes(),
                                options.hourByteCopy(),
                                options.targetFileBytes(),
                                plan.excluded());
                duplicates = write(strategy, sources, parts, plan);
                parts.finish();
                hook.reached(CrashPoint.AFTER_UPLOAD);
            }
            TargetPublisher.Deleted deleted = publisher.deleteInputs(plan, lease, parts.published());
            MergeResult result = new MergeResult(
                    plan.targetKey(),
                    parts.published(),
                    strategy,
                    plan.expectedRows(),
                    duplicates,
                    parts.bytes(),
                    plan.inputs().size(),
                    deleted.deleted(),
                    deleted.leftChanged(),
                    Duration.between(start, clock.instant()),
                    parts.scratchPeak());
            LOG.info(
                    "merged {} files ({} rows, {} duplicates) into {} as {} file(s) by {}: {} bytes in {} ms; {} kept, "
                            + "{} deleted{}",
                    result.inputs(),
                    result.rows(),
                    duplicates,
                    plan.targetKey(),
                    result.published().size(),
                    strategy,
                    result.bytes(),
                    result.elapsed().toMillis(),
                    plan.kept().size(),
                    deleted.deleted(),
                    result.leftChanged() == 0
                            ? ""
                            : "; " + result.leftChanged()
                                    + " input(s) re-created since planning left for the next run");
            return result;
        } finally {
            deleteRecursively(work);
        }
    }

    private long write(MergeResult.Strategy strategy, List<Source> sources, Parts parts, MergePlan plan) {
        switch (strategy) {
            case SINGLE -> {
                Source s = sources.get(0);
                if (s.input() instanceof MergeInput.StoreFile sf) {
                    Path local = parts.nextPath();
                    store.download(sf.object().key(), local);
                    parts.publish(local, false);
                } else {
                    parts.publish(((MergeInput.LocalFile) s.input()).path(), false);
                }
                return 0;
            }
            case COLUMN_COPY -> {
                ColumnCopy.run(sources, parts, options.parquet(), options.topic(), options.threads());
                return 0;
            }
            case BYTE_COPY -> {
                ByteCopy.run(sources, parts, options.parquet().rowGroupBytes(), options.topic());
                return 0;
            }
            default -> {
                if (plan.deadLetters()) {
                    return KWayMerge.run(
                                    sources,
                                    Records.deadLetters(options.parquet(), options.topic()),
                                    parts,
                                    plan.excluded())
                            .duplicates();
                }
                LakeSchema schema = LakeSchema.empty();
                for (Source s : sources) {
                    schema = schema.union(s.footer().schema());
                }
                return KWayMerge.run(
                                sources,
                                Records.rows(schema, options.parquet(), options.topic()),
                                parts,
                                plan.excluded())
                        .duplicates();
            }
        }
    }

    private Path createWorkDir() {
        try {
            Files.createDirectories(options.tmpDir());
            return Files.createTempDirectory(options.tmpDir(), WORK_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + options.tmpDir(), e);
        }
    }

    /** Removes work directories that crashed merges left behind more than {@code age} ago. */
    public static void removeStaleWorkDirs(Path tmpDir, Duration age, Instant now) {
        if (!Files.isDirectory(tmpDir)) {
            return;
        }
        try (var dirs = Files.list(tmpDir)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(WORK_PREFIX)).forEach(d -> {
                try {
                    if (Files.getLastModifiedTime(d).toInstant().plus(age).isBefore(now)) {
                        LOG.info("removing stale merge work directory {}", d);
                        deleteRecursively(d);
                    }
                } catch (IOException e) {
                    LOG.warn("cannot inspect {}: {}", d, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", tmpDir, e.getMessage());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
