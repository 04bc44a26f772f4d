package io.fmslake.merge;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses what a merge into a window reads, keeps and deletes (DESIGN-merger.md, "Late data into merged windows"):
 * <ol>
 *   <li>redundant store files (every coordinate held by the files not removed before them; files to fold first,
 *       then the window's own, each smallest first) are deleted without being read;</li>
 *   <li>full merge of the rest when the window's own files share coordinates, when it has none, or when everything
 *       fits in one target file;</li>
 *   <li>otherwise the window's small files (under a quarter of the target) are rewritten with the files to fold,
 *       and the others are kept: their coordinates are excluded from the output.</li>
 * </ol>
 * Pure: works on the footers' summaries.
 */
final class FoldRule {
    private FoldRule() {}

    /** What to read, what to keep, what to delete after publishing (own files first). */
    record Outcome(List<MergeInput> inputs, List<StoredObject> kept, List<StoredObject> deletes) {}

    /**
     * @param own  the window's merged files (base and parts)
     * @param fold the files to fold in: finer files, extra files, the caller's local files
     */
    static Outcome apply(List<MergeInput.StoreFile> own, List<MergeInput> fold, long targetBytes) {
        List<MergeInput> remaining = new ArrayList<>(own);
        remaining.addAll(fold);
        List<MergeInput> redundant = redundant(remaining, own, fold);
        remaining.removeAll(redundant);
        List<MergeInput> ownLeft = remaining.stream().filter(own::contains).toList();
        List<MergeInput> foldLeft =
                remaining.stream().filter(f -> !own.contains(f)).toList();
        List<MergeInput> inputs = new ArrayList<>();
        List<MergeInput> kept = new ArrayList<>();
        boolean dup = sharesCoordinates(ownLeft);
        if (foldLeft.isEmpty() && !dup) {
            kept.addAll(ownLeft);
        } else if (dup || ownLeft.isEmpty() || bytes(ownLeft) + bytes(foldLeft) <= targetBytes) {
            inputs.addAll(ownLeft);
            inputs.addAll(foldLeft);
        } else {
            for (MergeInput f : ownLeft) {
                (f.bytes() < targetBytes / 4 ? inputs : kept).add(f);
            }
            inputs.addAll(foldLeft);
        }
        List<StoredObject> deletes = new ArrayList<>();
        for (List<? extends MergeInput> group : List.of(own, fold)) {
            for (MergeInput f : group) {
                if (f instanceof MergeInput.StoreFile sf && (redundant.contains(f) || inputs.contains(f))) {
                    deletes.add(sf.object());
                }
            }
        }
        return new Outcome(
                inputs,
                kept.stream().map(f -> ((MergeInput.StoreFile) f).object()).toList(),
                deletes);
    }

    /** Store files whose coordinates the others hold, removed greedily (files to fold first, smallest first). */
    private static List<MergeInput> redundant(
            List<MergeInput> all, List<MergeInput.StoreFile> own, List<MergeInput> fold) {
        List<MergeInput> removed = new ArrayList<>();
        Comparator<MergeInput> bySize = Comparator.comparingLong(MergeInput::bytes);
        List<MergeInput> order = new ArrayList<>(fold.stream()
                .filter(f -> f instanceof MergeInput.StoreFile)
                .sorted(bySize)
                .toList());
        order.addAll(own.stream().sorted(bySize).toList());
        boolean overlaps = sharesCoordinates(all);
        List<MergeInput> remaining = new ArrayList<>(all);
        for (MergeInput f : order) {
            OffsetSet mine = f.summary().offsets();
            if (mine.isEmpty()) {
                removed.add(f);
                remaining.remove(f);
                continue;
            }
            if (!overlaps) {
                continue;
            }
            OffsetSet others = new OffsetSet();
            for (MergeInput o : remaining) {
                if (o != f && mine.countIn(o.summary().offsets()) > 0) {
                    others.addAll(o.summary().offsets());
                }
            }
            if (mine.countIn(others) == mine.count()) {
                removed.add(f);
                remaining.remove(f);
            }
        }
        return removed;
    }

    /** True when some coordinate is held by two of the files. */
    static boolean sharesCoordinates(List<MergeInput> files) {
        OffsetSet union = new OffsetSet();
        long sum = 0;
        for (MergeInput f : files) {
            union.addAll(f.summary().offsets());
            sum += f.summary().offsets().count();
        }
        return union.count() != sum;
    }

    static long bytes(List<MergeInput> files) {
        return files.stream().mapToLong(MergeInput::bytes).sum();
    }

    /** The coordinates of {@code a} that are not in {@code b}. */
    static OffsetSet minus(OffsetSet a, OffsetSet b) {
        OffsetSet out = new OffsetSet();
        for (int p : a.partitions()) {
            List<long[]> cuts = b.ranges(p);
            int j = 0;
            for (long[] r : a.ranges(p)) {
                long from = r[0];
                while (j < cuts.size() && cuts.get(j)[1] < from) {
                    j++;
                }
                for (int k = j; k < cuts.size() && cuts.get(k)[0] <= r[1] && from <= r[1]; k++) {
                    long[] c = cuts.get(k);
                    if (c[0] > from) {
                        out.addRange(p, from, c[0] - 1);
                    }
                    from = Math.max(from, c[1] + 1);
                }
                if (from <= r[1]) {
                    out.addRange(p, from, r[1]);
                }
            }
        }
        return out;
    }
}
