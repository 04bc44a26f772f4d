package io.fmslake.merge;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one merge will do: read {@code inputs}, write their distinct rows not held by {@code kept} as the window's
 * base file or as parts, then delete {@code deletes}. See {@link FoldRule} for how a plan is chosen.
 *
 * @param target           the target window
 * @param targetKey        the window's base key (seed name; under {@code errors/} for a roll-up of dead letters)
 * @param inputs           every file to read
 * @param kept             merged files of the window left untouched; their coordinates are not written again
 * @param deletes          the store objects (as planned: their ETags) deleted once the output is published, in
 *                         order: the window's own files first, then the files folded in; a key the merge publishes
 *                         is never deleted
 * @param inputRows        the rows of all inputs, duplicates included
 * @param expectedRows     the rows the output will hold: the distinct coordinates of the inputs not in {@code kept}
 * @param expectedOffsets  those coordinates, {@link OffsetSet#encode() encoded}
 * @param keptOffsets      the coordinates of {@code kept}, encoded
 * @param lakeOffsets      the coordinates of every store object planned (inputs, kept, deletes), encoded
 * @param targetEtag       the ETag of the existing base file when planned, empty when there was none
 * @param codec            formats the keys of parts
 */
public record MergePlan(
        Window target,
        String targetKey,
        List<MergeInput> inputs,
        List<StoredObject> kept,
        List<StoredObject> deletes,
        long inputRows,
        long expectedRows,
        String expectedOffsets,
        String keptOffsets,
        String lakeOffsets,
        Optional<String> targetEtag,
        WindowCodec codec) {
    public MergePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetKey, "targetKey");
        inputs = List.copyOf(inputs);
        kept = List.copyOf(kept);
        deletes = List.copyOf(deletes);
        Objects.requireNonNull(expectedOffsets, "expectedOffsets");
        Objects.requireNonNull(keptOffsets, "keptOffsets");
        Objects.requireNonNull(lakeOffsets, "lakeOffsets");
        Objects.requireNonNull(targetEtag, "targetEtag");
        Objects.requireNonNull(codec, "codec");
    }

    public OffsetSet offsets() {
        return OffsetSet.decode(expectedOffsets);
    }

    /** Coordinates the output must not hold again: those of the kept files. */
    public OffsetSet excluded() {
        return OffsetSet.decode(keptOffsets);
    }

    /** Every coordinate the planned store objects hold (what the lake holds in the window as planned). */
    public OffsetSet lake() {
        return OffsetSet.decode(lakeOffsets);
    }

    /** Rows read but not written: duplicates and rows the kept files hold. */
    public long duplicates() {
        return inputRows - expectedRows;
    }

    public long inputBytes() {
        return inputs.stream().mapToLong(MergeInput::bytes).sum();
    }

    /** True when a single output file takes the base key: nothing of the window is kept beside it. */
    public boolean baseAllowed() {
        return kept.isEmpty();
    }

    /** True for a roll-up of dead letters ({@code errors/}), whose target key says so. */
    public boolean deadLetters() {
        return codec.parse(targetKey).map(LakeKey::deadLetter).orElse(false);
    }

    /** The key of a part of the output with this first event time and these coordinates (encoded). */
    public String partKey(long firstEventMillis, String encodedOffsets) {
        return codec.format(codec.partKey(target, firstEventMillis, encodedOffsets, deadLetters()));
    }

    /** The objects to delete once the output is published, except those published again under their key. */
    public List<StoredObject> objectsToDelete(Collection<String> published) {
        return deletes.stream().filter(o -> !published.contains(o.key())).toList();
    }
}
