package io.fmslake.lake;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks, against the bucket itself, that the store enforces the conditional writes every protocol of the lake
 * relies on (write-once minute files, the merge lease, conditional publishing), with a probe object under the
 * reserved prefix {@code _lake/probe/}:
 * <ol>
 *   <li>create the probe with {@code If-None-Match: *} (refused when an earlier start created it), then create it
 *       again: the second create must be refused (412);</li>
 *   <li>replace it with {@code If-Match} and its current ETag: must succeed (a concurrent prober may change it in
 *       between: stat again and retry a few times);</li>
 *   <li>replace it with the now stale ETag: must be refused;</li>
 * </ol>
 * A store that fails one of these is refused. One more flaw is only reported ({@link #weakness()}): {@code If-Match}
 * on a key that does not exist must not create it, but MinIO before minio/minio#21550 (2025-08) did. The lake's
 * protocols send {@code If-Match} only for keys they have just read (the merge lease, a planned merge target); on such
 * a store, a merge run that lost its lease while its planned target was being deleted could re-create that target:
 * records twice for a moment (the next merge drops them by coordinate), never a loss; the lease check right before
 * every write makes it need a pause at exactly that point. Refusing every MinIO release before August 2025 for that
 * would cost more than it protects, so it is a warning at start.
 * Every write carries a unique body, so a retried request is never mistaken for an honoured condition. Nothing is
 * deleted (the collector has no delete permission); the probe object is rewritten by every start.
 */
final class ConditionalWriteCheck {
    static final String PROBE_KEY = "_lake/probe/conditional-writes.json";
    static final String ABSENT_PREFIX = "_lake/probe/if-match-absent-";
    static final int CAS_ATTEMPTS = 5;

    private final ObjectStore store;
    private final Clock clock;
    private final String probeId = UUID.randomUUID().toString();
    private int writes;

    ConditionalWriteCheck(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What the store did not honour, or empty when it honoured every condition. */
    Optional<String> firstViolation() {
        store.tryCreate(PROBE_KEY, body());
        Optional<StoredObject> created = store.stat(PROBE_KEY);
        if (created.isEmpty()) {
            return Optional.of("a create with If-None-Match: * of " + PROBE_KEY + " left no object");
        }
        if (store.tryCreate(PROBE_KEY, body()).isPresent()) {
            return Optional.of("a second create of " + PROBE_KEY + " with If-None-Match: * was accepted (it must "
                    + "be refused with 412 Precondition Failed): write-once files could be overwritten");
        }
        String stale = null;
        for (int attempt = 0; attempt < CAS_ATTEMPTS && stale == null; attempt++) {
            Optional<StoredObject> current = store.stat(PROBE_KEY);
            if (current.isPresent()
                    && store.tryReplace(PROBE_KEY, body(), current.get().etag()).isPresent()) {
                stale = current.get().etag();
            }
        }
        if (stale == null) {
            return Optional.of("a replace of " + PROBE_KEY + " with If-Match and its current ETag was refused "
                    + CAS_ATTEMPTS + " times in a row: compare-and-swap does not work");
        }
        if (store.tryReplace(PROBE_KEY, body(), stale).isPresent()) {
            return Optional.of("a replace of " + PROBE_KEY + " with If-Match and a stale ETag was accepted (it must "
                    + "be refused with 412 Precondition Failed): compare-and-swap is not enforced");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code If-Match} on a missing key creates it (reported, not refused; see the class note). On such a
     * store each call leaves one small object under {@code _lake/probe/}.
     */
    Optional<String> weakness() {
        String absent = ABSENT_PREFIX + probeId + ".json";
        boolean accepted = store.tryReplace(absent, body(), "00000000000000000000000000000000")
                .isPresent();
        if (accepted || store.stat(absent).isPresent()) {
            return Optional.of("a write of the missing key " + absent + " with If-Match was accepted and created "
                    + "it (it must be refused with 404 NoSuchKey; minio/minio#21526)");
        }
        return Optional.empty();
    }

    private byte[] body() {
        writes++;
        return ("{\"probe\":\"" + probeId + "\",\"write\":" + writes + ",\"at\":\"" + clock.instant()
                        + "\",\"note\":\"start-up check of conditional writes; safe to ignore\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
