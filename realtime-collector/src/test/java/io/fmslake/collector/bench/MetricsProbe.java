package io.fmslake.collector.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Scrapes the collector's /metrics: records consumed and written, and heap used (peak kept). */
final class MetricsProbe {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private double peakHeap;
    private double consumed;
    private double written;

    MetricsProbe(int port) {
        this.uri = URI.create("http://localhost:" + port + "/metrics");
    }

    /**
     * Waits until {@code records} rows are written; times from the first consumed record, and separately the rows
     * written after the first half was durable (the JIT compiler has done most of its work by then).
     */
    CollectorBench.BacklogResult awaitWritten(long records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstConsumed = 0;
        long half = 0;
        double writtenAtHalf = 0;
        while (System.nanoTime() < deadline) {
            sample();
            long now = System.nanoTime();
            if (firstConsumed == 0 && consumed > 0) {
                firstConsumed = now;
            }
            if (half == 0 && written >= records / 2.0) {
                half = now;
                writtenAtHalf = written;
            }
            if (written >= records) {
                return new CollectorBench.BacklogResult(
                        (now - firstConsumed) / 1e9, peakHeap, (written - writtenAtHalf) / ((now - half) / 1e9));
            }
            CollectorBench.sleep(100);
        }
        throw new IllegalStateException("only " + written + " of " + records + " written after " + timeout);
    }

    void sample() {
        String text;
        try {
            text = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            return; // not up yet
        }
        double heap = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value(line);
            } else if (line.startsWith("fms_collector_records_consumed_total ")) {
                consumed = value(line);
            } else if (line.startsWith("fms_collector_records_written_total ")) {
                written = value(line);
            }
        }
        peakHeap = Math.max(peakHeap, heap);
    }

    double peakHeapBytes() {
        return peakHeap;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
