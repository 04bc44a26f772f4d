package io.fmslake.merge;

import io.fmslake.row.OffsetSet;
import io.fmslake.window.Level;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Chooses how a target is written (see DESIGN-merger.md for the measurements behind it):
 * <ul>
 *   <li>one input at most the target size: its bytes unchanged;</li>
 *   <li>inputs that can simply be concatenated in event-time order (identical schemas, strictly increasing
 *       disjoint event-time ranges, disjoint offsets: no sort, no dedupe):
 *     <ul>
 *       <li>byte copy of their row groups for an hour (the hourly run stays fast; its small row groups live only
 *           until the day merge), and for a day or week whose inputs' row groups are already large (average
 *           compressed size at least the threshold);</li>
 *       <li>column copy otherwise (a day from hours or minutes with small row groups): values re-encoded column by
 *           column into large row groups, without assembling rows;</li>
 *     </ul></li>
 *   <li>the row-wise k-way merge otherwise (overlapping time ranges, duplicates, differing schemas, late data into an
 *       existing target, rows a kept part holds, an input larger than the target): rows decoded, merged,
 *       deduplicated, schemas united, encoded into large row groups and cut into parts anywhere.</li>
 * </ul>
 * Copies keep inputs whole within a part, so they are used only for inputs no larger than the target.
 */
final class CopyRule {
    private CopyRule() {}

    /**
     * @param sources      ordered by first event time
     * @param hourByteCopy byte copy concatenable inputs of an hour whatever their row group size
     * @param targetBytes  the largest file written: larger inputs are re-encoded (and cut)
     * @param excluded     coordinates of the window's kept parts: inputs holding any are re-encoded (and filtered)
     */
    static MergeResult.Strategy choose(
            List<Source> sources,
            Level target,
            long minRowGroupBytes,
            boolean hourByteCopy,
            long targetBytes,
            OffsetSet excluded) {
        boolean copyable = sources.stream()
                .allMatch(s -> s.bytes() <= targetBytes
                        && (excluded.isEmpty() || s.footer().summary().offsets().countIn(excluded) == 0));
        if (!copyable) {
            return MergeResult.Strategy.REENCODE;
        }
        if (sources.size() == 1) {
            return MergeResult.Strategy.SINGLE;
        }
        if (!concatenable(sources)) {
            return MergeResult.Strategy.REENCODE;
        }
        boolean copy = (target == Level.HOUR && hourByteCopy) || averageRowGroupBytes(sources) >= minRowGroupBytes;
        return copy ? MergeResult.Strategy.BYTE_COPY : MergeResult.Strategy.COLUMN_COPY;
    }

    static boolean concatenable(List<Source> sources) {
        Source first = sources.get(0);
        OffsetSet union = new OffsetSet();
        long total = 0;
        long previousMax = Long.MIN_VALUE;
        for (Source s : sources) {
            if (s.rows() == 0) {
                continue;
            }
            if (!s.footer().schema().equals(first.footer().schema())
                    || !schemaOf(s).equals(schemaOf(first))) {
                return false;
            }
            if (s.minEventTime() <= previousMax) {
                return false;
            }
            previousMax = s.maxEventTime();
            union.addAll(s.footer().summary().offsets());
            total += s.rows();
        }
        return union.count() == total;
    }

    static long averageRowGroupBytes(List<Source> sources) {
        long bytes = 0;
        long groups = 0;
        for (Source s : sources) {
            for (BlockMetaData b : s.footer().metadata().getBlocks()) {
                bytes += b.getCompressedSize();
                groups++;
            }
        }
        return groups == 0 ? 0 : bytes / groups;
    }

    private static org.apache.parquet.schema.MessageType schemaOf(Source s) {
        ParquetMetadata m = s.footer().metadata();
        return m.getFileMetaData().getSchema();
    }
}
