package io.fmslake.collector;

import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Direction;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a collector's S3 requests by kind as they pass a {@link BlackholeProxy} (path-style requests, as the
 * MinIO client sends them): reads of lake files (the probe's footer reads: a ranged GET each), listings, uploads of
 * lake files, and creates refused because the key was taken (412).
 */
public final class StoreRequests implements BlackholeProxy.Inspector {
    private static final String[] TIERS = {"minute/", "errors/", "hour/", "day/", "week/"};

    private final String bucket;
    private final AtomicLong footerReads = new AtomicLong();
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public StoreRequests(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public void chunk(Direction direction, String head) {
        if (direction == Direction.RESPONSE) {
            if (head.startsWith("HTTP/1.1 412")) {
                refused.incrementAndGet();
            }
        } else if (head.startsWith("GET /" + bucket + "?") && head.contains("list-type")) {
            lists.incrementAndGet();
        } else if (lakeFile(head, "GET")) {
            footerReads.incrementAndGet();
        } else if (lakeFile(head, "PUT")) {
            uploads.incrementAndGet();
        }
    }

    private boolean lakeFile(String head, String method) {
        for (String tier : TIERS) {
            if (head.startsWith(method + " /" + bucket + "/" + tier)) {
                return true;
            }
        }
        return false;
    }

    public long footerReads() {
        return footerReads.get();
    }

    public long lists() {
        return lists.get();
    }

    public long uploads() {
        return uploads.get();
    }

    public long refused() {
        return refused.get();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "footer reads %d, listings %d, uploads %d (%d refused: key taken)",
                footerReads(),
                lists(),
                uploads(),
                refused());
    }
}
