package io.fmslake.status;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files and bytes of each tier and of {@code errors/}, from one listing of each folder. */
public final class LakeSize {
    /** The folders counted, in this order. */
    public static final List<String> TIERS = List.of("minute", "hour", "day", "week", "errors");

    private static final Logger LOG = LoggerFactory.getLogger(LakeSize.class);

    private LakeSize() {}

    /**
     * {@code {minute: {files, bytes}, hour: ..., errors: ...}} as a job status detail, or empty when a listing fails
     * (logged; a status must never fail its run).
     */
    public static Optional<Map<String, Object>> of(ObjectStore store) {
        return of(store, null);
    }

    /**
     * As {@link #of(ObjectStore)}; with a codec, {@code errors} also tells its files per level
     * ({@code errors: {files, bytes, levels: {minute: {files, bytes}, hour: ..., day: ..., week: ...}}}): the
     * minute dead-letter files and those the merger rolled up.
     */
    public static Optional<Map<String, Object>> of(ObjectStore store, WindowCodec codec) {
        Map<String, Object> tiers = new LinkedHashMap<>();
        try {
            for (String tier : TIERS) {
                Map<String, long[]> levels = new LinkedHashMap<>();
                for (Level level : Level.values()) {
                    levels.put(level.folder(), new long[2]);
                }
                long[] total = new long[2];
                for (StoredObject o : store.list(tier + "/")) {
                    add(total, o);
                    if (codec != null) {
                        codec.parse(o.key())
                                .ifPresent(
                                        k -> add(levels.get(k.window().level().folder()), o));
                    }
                }
                Map<String, Object> size = size(total);
                if (codec != null && tier.equals(LakeKey.ERRORS)) {
                    Map<String, Object> byLevel = new LinkedHashMap<>();
                    levels.forEach((level, counts) -> byLevel.put(level, size(counts)));
                    size.put("levels", byLevel);
                }
                tiers.put(tier, size);
            }
            return Optional.of(tiers);
        } catch (StoreException e) {
            LOG.warn("could not list the lake for its size (the run's status goes without it): {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void add(long[] counts, StoredObject o) {
        counts[0]++;
        counts[1] += o.size();
    }

    private static Map<String, Object> size(long[] counts) {
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("files", counts[0]);
        size.put("bytes", counts[1]);
        return size;
    }
}
