package io.fmslake.backfill.handover;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the collector takes over, per partition: the backfill loads offsets below it.
 *
 * @param offsets            partition -> first offset that is the collector's
 * @param recordedByBackfill true when this backfill committed (some of) them for the collector group
 */
public record HandOverPoint(Map<Integer, Long> offsets, boolean recordedByBackfill) {
    public HandOverPoint {
        offsets = java.util.Collections.unmodifiableMap(new TreeMap<>(offsets));
    }
}
