package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.schema.LakeSchema;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link MergePlan} under the merge lease. Publish protocol (DESIGN-merger.md):
 * <ol>
 *   <li>make every input a local file and check each footer still matches the plan;</li>
 *   <li>write the target to a local file (unchanged single input, byte copy, or streaming re-encode);</li>
 *   <li>verify it: row count and Kafka coordinates equal the distinct coordinates of the inputs;</li>
 *   <li>fence (renew the lease) and check the target is still what was planned, then upload it;</li>
 *   <li>read the uploaded footer back from the bucket and verify it again;</li>
 *   <li>fence, then delete exactly the store inputs that were read (never the target), in two halves with a fence
 *       between.</li>
 * </ol>
 * A crash before step 4 changes nothing; after it, the inputs' rows are in the target and in the inputs, and a rerun
 * folds the remaining inputs into the target again, dropping them as duplicates. Local files are always removed.
 */
public final class MergeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MergeEngine.class);
    private static final String WORK_PREFIX = "fms-merge-";

    private final ObjectStore store;
    private final MergeOptions options;
    private final Clock clock;
    private final CrashPoint.Hook hook;

    public MergeEngine(ObjectStore store, MergeOptions options, Clock clock, CrashPoint.Hook hook) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    public MergeResult execute(MergePlan plan, MergeLease lease) {
        Instant start = clock.instant();
        Path work = createWorkDir();
        try {
            lease.ensureHeld();
            List<Source> sources = new Fetcher(store, options.topic()).fetch(plan, work, hook);
            MergeResult.Strategy strategy = CopyRule.choose(sources, options.byteCopyMinRowGroupBytes());
            Path target = strategy == MergeResult.Strategy.SINGLE ? sources.get(0).path() : work.resolve("target.parquet");
            long duplicates = write(strategy, sources, target);
            verify(FileFooter.read(LocalFiles.input(target)), plan, "written file");
            lease.ensureHeld();
            checkTargetUnchanged(plan);
            store.put(plan.targetKey(), target);
            StoredObject uploaded = store.stat(plan.targetKey())
                    .orElseThrow(() -> new MergeException(plan.targetKey() + " is missing right after its upload"));
            if (uploaded.size() != Files.size(target)) {
                throw new MergeException(plan.targetKey() + " has " + uploaded.size() + " bytes in the bucket, "
                        + Files.size(target) + " locally");
            }
            verify(FileFooter.read(new StoreInputFile(store, uploaded)), plan, "uploaded " + plan.targetKey());
            hook.reached(CrashPoint.AFTER_UPLOAD);
            int deleted = deleteInputs(plan, lease);
            MergeResult result = new MergeResult(plan.targetKey(), strategy, plan.expectedRows(), duplicates,
                    uploaded.size(), plan.inputs().size(), deleted, Duration.between(start, clock.instant()));
            LOG.info("merged {} files ({} rows, {} duplicates) into {} by {}: {} bytes in {} ms", result.inputs(),
                    result.rows(), duplicates, plan.targetKey(), strategy, result.bytes(), result.elapsed().toMillis());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(work);
        }
    }

    private long write(MergeResult.Strategy strategy, List<Source> sources, Path target) throws IOException {
        switch (strategy) {
            case SINGLE -> {
                return 0;
            }
            case BYTE_COPY -> {
                ByteCopy.run(sources, LocalFiles.output(target), options.parquet().rowGroupBytes(), options.topic());
                return 0;
            }
            default -> {
                LakeSchema schema = LakeSchema.empty();
                for (Source s : sources) {
                    schema = schema.union(s.footer().schema());
                }
                return KWayMerge.run(sources, schema, LocalFiles.output(target), options.parquet(), options.topic())
                        .duplicates();
            }
        }
    }

    private static void verify(FileFooter footer, MergePlan plan, String what) {
        FileSummary s = footer.summary();
        if (s.rows() != plan.expectedRows() || footer.rowCount() != plan.expectedRows()) {
            throw new MergeException(what + " for " + plan.targetKey() + " holds " + footer.rowCount() + " rows (footer "
                    + s.rows() + "), planned " + plan.expectedRows() + "; nothing published or deleted after this");
        }
        if (!s.offsets().equals(plan.offsets())) {
            throw new MergeException(what + " for " + plan.targetKey() + " holds other Kafka coordinates than its inputs");
        }
    }

    private void checkTargetUnchanged(MergePlan plan) {
        Optional<String> now = store.stat(plan.targetKey()).map(StoredObject::etag);
        if (!now.equals(plan.targetEtag())) {
            throw new MergeException(plan.targetKey() + " changed since the merge was planned (" + plan.targetEtag()
                    .orElse("absent") + " -> " + now.orElse("absent") + "); plan again");
        }
    }

    private int deleteInputs(MergePlan plan, MergeLease lease) {
        List<String> keys = plan.keysToDelete();
        int half = keys.size() / 2;
        lease.ensureHeld();
        store.deleteAll(keys.subList(0, half));
        if (half > 0) {
            hook.reached(CrashPoint.MID_DELETE);
        }
        lease.ensureHeld();
        store.deleteAll(keys.subList(half, keys.size()));
        return keys.size();
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
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
