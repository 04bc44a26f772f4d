package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
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
 * target, its check from the bucket, and the fenced deletes of the inputs that were read. Each write is preceded by
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
    record Deleted(int deleted, int leftChanged) {
    }

    /**
     * Checks the lease, then uploads the local target on condition that the bucket still holds what the plan saw
     * under the target key (no object: {@code If-None-Match: *}; the planned ETag: {@code If-Match}). A refused
     * upload renews the lease first: a lost lease is the likely cause and is reported as such.
     *
     * @throws LeaseLostException when the lease is lost, before the upload or as the cause of its refusal
     * @throws MergeException     when the store refused the upload otherwise, or the upload reads back wrong
     */
    StoredObject upload(MergePlan plan, Path target, MergeLease lease) throws IOException {
        Precondition condition = Precondition.of(plan.targetEtag());
        lease.ensureHeld();
        hook.reached(CrashPoint.BEFORE_UPLOAD);
        if (store.tryPut(plan.targetKey(), target, condition).isEmpty()) {
            try {
                lease.renew();
            } catch (LeaseLostException e) {
                throw new LeaseLostException(e.getMessage() + "; the store refused the publish of "
                        + plan.targetKey() + " (" + condition + "), another run has published it");
            }
            throw new MergeException("the store refused to publish " + plan.targetKey() + " (" + condition + "): "
                    + "the target changed since the merge was planned; nothing deleted, the next run plans again");
        }
        StoredObject uploaded = store.stat(plan.targetKey())
                .orElseThrow(() -> new MergeException(plan.targetKey() + " is missing right after its upload"));
        if (uploaded.size() != Files.size(target)) {
            throw new MergeException(plan.targetKey() + " has " + uploaded.size() + " bytes in the bucket, "
                    + Files.size(target) + " locally");
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
     * Deletes the store inputs that were read, each only while it is still the object planned (its ETag), in two
     * batches with a lease check before each. An input written anew since planning is left for the next run.
     */
    Deleted deleteInputs(MergePlan plan, MergeLease lease) {
        List<StoredObject> inputs = plan.objectsToDelete();
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
                    LOG.warn("{} (input of {}) was already gone when it was to be deleted", e.getKey(),
                            plan.targetKey());
                }
                case CHANGED -> LOG.info("{} was re-created since planning, left for the next run", e.getKey());
            }
        }
        return gone;
    }

    private static int changed(Map<String, Deletion> outcomes) {
        return (int) outcomes.values().stream().filter(d -> d == Deletion.CHANGED).count();
    }
}
