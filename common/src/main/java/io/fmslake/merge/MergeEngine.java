package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link MergePlan} under the merge lease. Publish protocol (DESIGN-merger.md):
 * <ol>
 *   <li>make every input a local file and check each footer still matches the plan;</li>
 *   <li>write the target to a local file (unchanged single input, byte copy, or streaming re-encode);</li>
 *   <li>verify it: row count and Kafka coordinates equal the distinct coordinates of the inputs;</li>
 *   <li>check the lease, then upload the target on condition that the target key still holds what was planned
 *       (If-None-Match / If-Match: a refused upload aborts the target);</li>
 *   <li>read the uploaded footer back from the bucket and verify it again;</li>
 *   <li>check the lease, then delete the store inputs that were read (never the target), each only while it is
 *       the object planned (its ETag), in two halves with a lease check between.</li>
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
    private final TargetPublisher publisher;

    public MergeEngine(ObjectStore store, MergeOptions options, Clock clock, CrashPoint.Hook hook) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.publisher = new TargetPublisher(store, hook);
    }

    public MergeResult execute(MergePlan plan, MergeLease lease) {
        Instant start = clock.instant();
        Path work = createWorkDir();
        try {
            lease.ensureHeld();
            List<Source> sources = new Fetcher(store, options.topic()).fetch(plan, work, hook);
            MergeResult.Strategy strategy = options.rowMergeOnly() ? MergeResult.Strategy.REENCODE
                    : CopyRule.choose(sources, plan.target().level(), options.byteCopyMinRowGroupBytes(),
                    options.hourByteCopy());
            Path target = strategy == MergeResult.Strategy.SINGLE ? sources.get(0).path() : work.resolve("target.parquet");
            long duplicates = write(strategy, sources, target);
            verify(FileFooter.read(LocalFiles.input(target)), plan, "written file");
            StoredObject uploaded = publisher.upload(plan, target, lease);
            verify(publisher.footer(uploaded), plan, "uploaded " + plan.targetKey());
            hook.reached(CrashPoint.AFTER_UPLOAD);
            TargetPublisher.Deleted deleted = publisher.deleteInputs(plan, lease);
            MergeResult result = new MergeResult(plan.targetKey(), strategy, plan.expectedRows(), duplicates,
                    uploaded.size(), plan.inputs().size(), deleted.deleted(), deleted.leftChanged(),
                    Duration.between(start, clock.instant()));
            LOG.info("merged {} files ({} rows, {} duplicates) into {} by {}: {} bytes in {} ms{}", result.inputs(),
                    result.rows(), duplicates, plan.targetKey(), strategy, result.bytes(), result.elapsed().toMillis(),
                    result.leftChanged() == 0 ? "" : "; " + result.leftChanged() + " input(s) re-created since "
                            + "planning left for the next run");
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
            case COLUMN_COPY -> {
                ColumnCopy.run(sources, LocalFiles.output(target), options.parquet(), options.topic(), options.threads());
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
