package io.fmslake.collector.bench;

import io.fmslake.collector.StoreRequests;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Mode;
import io.fmslake.testkit.S3Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's {@code countRequests=true}: the collector reaches S3 through a counting proxy, and after the
 * backlog this prints how many minute files each minute got and the store requests per file written (footer reads,
 * listings, uploads). Off, it does nothing and the collector talks to S3 directly.
 */
final class FlushFigures implements AutoCloseable {
    private final BlackholeProxy proxy;
    private final StoreRequests requests;

    private FlushFigures(BlackholeProxy proxy, StoreRequests requests) {
        this.proxy = proxy;
        this.requests = requests;
    }

    /** Points the collector's {@code MINIO_ENDPOINT} in {@code env} at a counting proxy when {@code on}. */
    static FlushFigures start(boolean on, S3Endpoint s3, String bucket, Map<String, String> env) {
        if (!on) {
            return new FlushFigures(null, null);
        }
        BlackholeProxy proxy = BlackholeProxy.to(s3.endpoint(), Mode.FORWARD);
        StoreRequests requests = new StoreRequests(bucket);
        proxy.inspect(requests);
        env.put("MINIO_ENDPOINT", proxy.endpoint());
        return new FlushFigures(proxy, requests);
    }

    /** Prints the figures so far; {@code store} reaches the bucket directly (not counted). */
    void print(ObjectStore store) {
        if (proxy == null) {
            return;
        }
        Map<String, Integer> perMinute = new TreeMap<>();
        for (StoredObject o : store.list("minute/")) {
            perMinute.merge(o.key().substring("minute/".length(), "minute/".length() + 13), 1, Integer::sum);
        }
        List<Integer> counts = new ArrayList<>(perMinute.values());
        Collections.sort(counts);
        int files = counts.stream().mapToInt(Integer::intValue).sum();
        if (files == 0) {
            System.out.println("files: none written");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "files: %d in %d minutes (per minute: min %d, median %d, max %d); per file "
                        + "written: %.2f footer reads, %.2f listings, %.2f uploads; totals: %s%n",
                files,
                counts.size(),
                counts.get(0),
                counts.get(counts.size() / 2),
                counts.get(counts.size() - 1),
                requests.footerReads() / (double) files,
                requests.lists() / (double) files,
                requests.uploads() / (double) files,
                requests);
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
