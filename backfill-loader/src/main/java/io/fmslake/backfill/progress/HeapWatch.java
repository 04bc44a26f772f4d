package io.fmslake.backfill.progress;

import java.lang.management.ManagementFactory;

/**
 * Samples the heap in use (garbage included) every 50 ms while a run lasts, for the summary and the benchmark.
 * The heap never exceeds {@code -Xmx}; this shows how much of it the run actually filled.
 */
public final class HeapWatch implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;

    private HeapWatch() {
        sampler = new Thread(this::sample, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static HeapWatch start() {
        return new HeapWatch();
    }

    private void sample() {
        while (running) {
            peakUsed = Math.max(peakUsed, used());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peak heap in use, garbage included. */
    public long peakUsed() {
        return Math.max(peakUsed, used());
    }

    /** The heap limit ({@code -Xmx}). */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
