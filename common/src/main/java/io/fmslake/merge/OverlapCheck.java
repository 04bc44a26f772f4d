package io.fmslake.merge;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of taking a window's lease (DESIGN-merger.md, "Leases per window"): after writing its own lease object, a
 * contender lists {@value LeaseKeys#PREFIX} and looks for live leases of windows that overlap its target (ancestors
 * and descendants; the legacy {@value LeaseKeys#LEGACY} overlaps every window). An overlapping lease that the store's
 * clock says has expired is taken over (compare-and-swap on its ETag, so its holder's next renewal fails) and
 * removed; a live one is a conflict.
 */
final class OverlapCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OverlapCheck.class);

    private final ObjectStore store;
    private final LeaseKeys keys;
    private final LeaseTerms terms;
    private final String owner;
    private final Clock clock;

    OverlapCheck(ObjectStore store, LeaseKeys keys, LeaseTerms terms, String owner, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.terms = terms;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * A live lease of an overlapping window.
     *
     * @param window the window it names; empty for the legacy bucket-wide lease
     */
    record Conflict(String key, Optional<Window> window, String holder) {
        /**
         * True when the contender for {@code target} gives way: the conflicting window is coarser (or the legacy
         * lease). A coarser contender keeps its own lease while it waits for finer ones to finish.
         */
        boolean yieldsTo(Window target) {
            return window.isEmpty() || target.level().isFinerThan(window.get().level());
        }

        @Override
        public String toString() {
            return key + " held by " + holder;
        }
    }

    /** The live leases of windows overlapping {@code target}, other than our own; expired ones are removed. */
    List<Conflict> conflicts(Window target) {
        List<Conflict> out = new ArrayList<>();
        for (StoredObject o : store.list(LeaseKeys.PREFIX)) {
            String key = o.key();
            Optional<Window> w = keys.windowOf(key);
            boolean overlapping = key.equals(LeaseKeys.LEGACY)
                    || w.filter(x -> LeaseKeys.overlap(x, target)).isPresent();
            if (key.equals(terms.key()) || !overlapping) {
                continue;
            }
            Optional<LeaseObject> current = LeaseObject.read(store, key);
            if (current.isEmpty() || (current.get().expired(terms.ttl()) && removeExpired(current.get(), target))) {
                continue;
            }
            out.add(new Conflict(key, w, current.get().describe(terms.ttl())));
        }
        return out;
    }

    /**
     * Takes an expired lease over (If-Match on the ETag read) and deletes our record: its former holder's next
     * renewal fails, as when a contender for the same window takes it over.
     *
     * @return false when the object changed since it was read (renewed or taken): it counts as live for now
     */
    private boolean removeExpired(LeaseObject expired, Window target) {
        Instant now = clock.instant();
        byte[] ours = LeaseRecord.of(owner, now, now, terms.ttl()).toJson();
        Optional<String> taken = store.tryReplace(expired.key(), ours, expired.etag());
        if (taken.isEmpty()) {
            return false;
        }
        store.deleteIfMatch(expired.key(), taken.get());
        LOG.info(
                "removed the expired lease {} of {}: it overlaps {}, whose lease {} takes",
                expired.key(),
                expired.describe(terms.ttl()),
                target,
                owner);
        return true;
    }
}
