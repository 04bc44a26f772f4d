package io.fmslake.merge;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import io.fmslake.window.Window;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one merge will do: fold {@code inputs} into {@code targetKey}.
 *
 * @param target          the target window
 * @param targetKey       the target's object key (seed name)
 * @param inputs          every file to read; the store files among them are deleted after publishing (except the
 *                        target key itself, which is replaced)
 * @param inputRows       the rows of all inputs, duplicates included
 * @param expectedRows    the rows the target will hold: the distinct Kafka coordinates of the inputs
 * @param expectedOffsets those coordinates, {@link OffsetSet#encode() encoded}
 * @param targetEtag      the ETag of the existing target when planned, empty when there was none
 */
public record MergePlan(Window target, String targetKey, List<MergeInput> inputs, long inputRows, long expectedRows,
                        String expectedOffsets, Optional<String> targetEtag) {
    public MergePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetKey, "targetKey");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(expectedOffsets, "expectedOffsets");
        Objects.requireNonNull(targetEtag, "targetEtag");
    }

    public OffsetSet offsets() {
        return OffsetSet.decode(expectedOffsets);
    }

    public long duplicates() {
        return inputRows - expectedRows;
    }

    public long inputBytes() {
        return inputs.stream().mapToLong(MergeInput::bytes).sum();
    }

    /** The store keys this merge deletes once the target is published: every store input but the target. */
    public List<String> keysToDelete() {
        return objectsToDelete().stream().map(StoredObject::key).toList();
    }

    /**
     * The store objects, as planned (their ETags), this merge deletes once the target is published: every store
     * input but the target.
     */
    public List<StoredObject> objectsToDelete() {
        return inputs.stream().filter(i -> i instanceof MergeInput.StoreFile)
                .map(i -> ((MergeInput.StoreFile) i).object())
                .filter(o -> !o.key().equals(targetKey)).toList();
    }
}
