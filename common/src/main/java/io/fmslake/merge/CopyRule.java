package io.fmslake.merge;

import io.fmslake.row.OffsetSet;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Chooses how a target is written (see DESIGN-merger.md for the measurements behind it):
 * <ul>
 *   <li>one input: its bytes unchanged;</li>
 *   <li>byte copy of row groups when the inputs, in event-time order, can simply be concatenated (identical
 *       schemas, strictly increasing disjoint event-time ranges, disjoint offsets: no sort, no dedupe) and their row
 *       groups are already large (average compressed size at least the threshold);</li>
 *   <li>re-encoding otherwise: a streaming k-way merge with dedupe into large row groups.</li>
 * </ul>
 */
final class CopyRule {
    private CopyRule() {
    }

    /** @param sources ordered by first event time */
    static MergeResult.Strategy choose(List<Source> sources, long minRowGroupBytes) {
        if (sources.size() == 1) {
            return MergeResult.Strategy.SINGLE;
        }
        return concatenable(sources) && averageRowGroupBytes(sources) >= minRowGroupBytes
                ? MergeResult.Strategy.BYTE_COPY : MergeResult.Strategy.REENCODE;
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
