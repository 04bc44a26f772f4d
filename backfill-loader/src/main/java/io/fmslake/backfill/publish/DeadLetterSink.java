package io.fmslake.backfill.publish;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.Publication;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Collects dead letters per minute of their Kafka timestamp and writes them under {@code errors/} through the
 * collector's write-once publisher, which probes the minute's dead-letter files first: a rerun, or letters the
 * collector already wrote, add nothing. Flushes whenever {@code maxBuffered} letters are held, so memory stays
 * bounded when a topic is mostly garbage. Counts the letters it received by reason. Thread-safe.
 */
public final class DeadLetterSink implements Consumer<List<DeadLetter>> {
    private final MinutePublisher publisher;
    private final WindowCodec codec;
    private final int maxBuffered;
    private final ExecutorService ioPool;
    private final Map<Window, List<DeadLetter>> byMinute = new TreeMap<>();
    private int buffered;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong alreadyDurable = new AtomicLong();
    private final AtomicInteger files = new AtomicInteger();

    public DeadLetterSink(MinutePublisher publisher, WindowCodec codec, int maxBuffered, ExecutorService ioPool) {
        this.publisher = publisher;
        this.ioPool = ioPool;
        this.codec = codec;
        this.maxBuffered = maxBuffered;
    }

    @Override
    public synchronized void accept(List<DeadLetter> letters) {
        for (DeadLetter d : letters) {
            byMinute.computeIfAbsent(codec.windowOf(Level.MINUTE, d.kafkaTimestamp()), w -> new ArrayList<>())
                    .add(d);
            byReason.merge(d.reason(), 1L, Long::sum);
        }
        buffered += letters.size();
        if (buffered >= maxBuffered) {
            flush();
        }
    }

    /** Writes every buffered letter, minutes side by side on the I/O pool. */
    public synchronized void flush() {
        List<Runnable> tasks = new ArrayList<>();
        for (Map.Entry<Window, List<DeadLetter>> e : byMinute.entrySet()) {
            tasks.add(() -> count(publisher.publishDeadLetters(e.getKey(), e.getValue())));
        }
        Parallel.runAll(ioPool, tasks);
        byMinute.clear();
        buffered = 0;
    }

    /** Called from the pool's threads while {@link #flush()} holds the lock: no lock here. */
    private void count(Publication p) {
        written.addAndGet(p.rows());
        alreadyDurable.addAndGet(p.alreadyDurable());
        files.addAndGet(p.wroteFile() ? 1 : 0);
    }

    /** Letters written by this run. */
    public long written() {
        return written.get();
    }

    /** Letters the lake already held (an earlier run, or the collector). */
    public long alreadyDurable() {
        return alreadyDurable.get();
    }

    public int files() {
        return files.get();
    }

    /** Letters received, by reason (sorted by reason). */
    public synchronized Map<String, Long> byReason() {
        return new TreeMap<>(byReason);
    }
}
