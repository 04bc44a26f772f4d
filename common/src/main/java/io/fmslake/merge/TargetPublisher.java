package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LakeFileMetadata;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing half of the publish protocol (DESIGN-merger.md, steps 5 to 8): the conditional upload of a verified
 * base file or part, its check from the bucket, and the fenced deletes of the files replaced and folded in. Each write is preceded by
 * the lease's check ({@link MergeLease#ensureHeld()}), so a run whose lease was lost stops before its next write.
 */
final class TargetPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(TargetPublisher.class);

    private final ObjectStore store;
    private final CrashPoint.Hook hook;

    TargetPublisher(ObjectStore store, CrashPoint.Hook hook) {
        this.store = store;
        this.hook = hook;
    }

    /** What the deletes of the inputs did. */
    record Deleted(int deleted, int leftChanged) {}

    /**
     * Checks the lease, then uploads a local file under {@code key} on condition that the bucket still holds what the
     * plan saw there (no object: {@code If-None-Match: *}; the planned ETag: {@code If-Match}), with the local file's
     * footer summary as S3 user metadata ({@link LakeFileMetadata}). A refused upload
     * renews the lease first: a lost lease is the likely cause and is reported as such.
     *
     * @throws LeaseLostException when the lease is lost, before the upload or as the cause of its refusal
     * @throws MergeException     when the store refused the upload otherwise, or the upload reads back wrong
     */
    StoredObject upload(String key, Path local, FileSummary target, Precondition condition, MergeLease lease) {
        lease.ensureHeld();
        hook.reached(CrashPoint.BEFORE_UPLOAD);
        if (store.tryPut(key, local, condition, LakeFileMetadata.of(target)).isEmpty()) {
            try {
                lease.renew();
            } catch (LeaseLostException e) {
                throw new LeaseLostException(e.getMessage() + "; the store refused the publish of " + key + " ("
                        + condition + "), another run has published it");
            }
            throw new MergeException("the store refused to publish " + key + " (" + condition + "): "
                    + "the target changed since the merge was planned; nothing deleted, the next run plans again");
        }
        return uploaded(key, local);
    }

    /**
     * Checks the lease, then creates a part ({@code If-None-Match: *}). A part key is a function of the part's
     * coordinates: a taken key holds a part a crashed run published; it is kept as this part when its footer holds
     * exactly these coordinates (nothing uploaded).
     *
     * @throws MergeException when the key holds other coordinates (nothing deleted)
     */
    StoredObject uploadPart(String key, Path local, FileSummary part, MergeLease lease) {
        lease.ensureHeld();
        hook.reached(CrashPoint.BEFORE_UPLOAD);
        if (store.tryPut(key, local, Precondition.absent(), LakeFileMetadata.of(part))
                .isPresent()) {
            return uploaded(key, local);
        }
        StoredObject existing = store.stat(key)
                .orElseThrow(() -> new MergeException("the store refused to create " + key + " but holds none"));
        FileSummary there = footer(existing).summary();
        if (there.rows() != part.rows() || !there.offsets().equals(part.offsets())) {
            throw new MergeException(key + " exists with other coordinates than the part to publish under that name; "
                    + "nothing deleted");
        }
        LOG.info("{} was published by an earlier run with the same records; kept", key);
        return existing;
    }

    private StoredObject uploaded(String key, Path local) {
        StoredObject uploaded =
                store.stat(key).orElseThrow(() -> new MergeException(key + " is missing right after its upload"));
        try {
            if (uploaded.size() != Files.size(local)) {
                throw new MergeException(
                        key + " has " + uploaded.size() + " bytes in the bucket, " + Files.size(local) + " locally");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uploaded;
    }

    /** The footer of the uploaded target, read back from the bucket. */
    FileFooter footer(StoredObject uploaded) {
        try {
            return FileFooter.read(new StoreInputFile(store, uploaded));
        } catch (UncheckedIOException e) {
            throw new MergeException("cannot read back the footer of " + uploaded.key() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the plan's objects to delete (the window's replaced files first, then the files folded in), except keys
     * published again, each only while it is still the object planned (its ETag), in two batches with a lease check
     * before each. An input written anew since planning is left for the next run.
     */
    Deleted deleteInputs(MergePlan plan, MergeLease lease, List<String> published) {
        List<StoredObject> inputs = plan.objectsToDelete(published);
        int half = inputs.size() / 2;
        lease.ensureHeld();
        Map<String, Deletion> first = store.deleteAllIfMatch(inputs.subList(0, half));
        if (half > 0) {
            hook.reached(CrashPoint.MID_DELETE);
        }
        lease.ensureHeld();
        Map<String, Deletion> second = store.deleteAllIfMatch(inputs.subList(half, inputs.size()));
        return new Deleted(count(first, plan) + count(second, plan), changed(first) + changed(second));
    }

    private static int count(Map<String, Deletion> outcomes, MergePlan plan) {
        int gone = 0;
        for (Map.Entry<String, Deletion> e : outcomes.entrySet()) {
            switch (e.getValue()) {
                case DELETED -> gone++;
                case ABSENT -> {
                    gone++;
                    LOG.warn(
                            "{} (input of {}) was already gone when it was to be deleted",
                            e.getKey(),
                            plan.targetKey());
                }
                case CHANGED -> LOG.info("{} was re-created since planning, left for the next run", e.getKey());
            }
        }
        return gone;
    }

    private static int changed(Map<String, Deletion> outcomes) {
        return (int)
                outcomes.values().stream().filter(d -> d == Deletion.CHANGED).count();
    }
}
