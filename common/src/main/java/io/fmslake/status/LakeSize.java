package io.fmslake.status;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
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

    private LakeSize() {
    }

    /**
     * {@code {minute: {files, bytes}, hour: ..., errors: ...}} as a job status detail, or empty when a listing fails
     * (logged; a status must never fail its run).
     */
    public static Optional<Map<String, Object>> of(ObjectStore store) {
        Map<String, Object> tiers = new LinkedHashMap<>();
        try {
            for (String tier : TIERS) {
                long files = 0;
                long bytes = 0;
                for (StoredObject o : store.list(tier + "/")) {
                    files++;
                    bytes += o.size();
                }
                Map<String, Object> size = new LinkedHashMap<>();
                size.put("files", files);
                size.put("bytes", bytes);
                tiers.put(tier, size);
            }
            return Optional.of(tiers);
        } catch (StoreException e) {
            LOG.warn("could not list the lake for its size (the run's status goes without it): {}", e.getMessage());
            return Optional.empty();
        }
    }
}
