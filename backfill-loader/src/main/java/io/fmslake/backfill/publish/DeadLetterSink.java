package io.fmslake.backfill.publish;

import io.fmslake.commit.MinutePublisher;
import io.fmslake.commit.Publication;
import io.fmslake.deadletter.DeadLetter;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects dead letters per minute of their Kafka timestamp and writes them under {@code errors/} through the
 * collector's write-once publisher, which probes the minute's dead-letter files first: a rerun, or letters the
 * collector already wrote, add nothing. Flushes whenever {@code maxBuffered} letters are held, so memory stays
 * bounded when a topic is mostly garbage. Thread-safe.
 */
public final class DeadLetterSink implements Consumer<List<DeadLetter>> {
    private final MinutePublisher publisher;
    private final WindowCodec codec;
    private final int maxBuffered;
    private final Map<Window, List<DeadLetter>> byMinute = new TreeMap<>();
    private int buffered;
    private long written;
    private long alreadyDurable;
    private int files;

    public DeadLetterSink(MinutePublisher publisher, WindowCodec codec, int maxBuffered) {
        this.publisher = publisher;
        this.codec = codec;
        this.maxBuffered = maxBuffered;
    }

    @Override
    public synchronized void accept(List<DeadLetter> letters) {
        for (DeadLetter d : letters) {
            byMinute.computeIfAbsent(codec.windowOf(Level.MINUTE, d.kafkaTimestamp()), w -> new ArrayList<>()).add(d);
        }
        buffered += letters.size();
        if (buffered >= maxBuffered) {
            flush();
        }
    }

    /** Writes every buffered letter. */
    public synchronized void flush() {
        for (Map.Entry<Window, List<DeadLetter>> e : byMinute.entrySet()) {
            Publication p = publisher.publishDeadLetters(e.getKey(), e.getValue());
            written += p.rows();
            alreadyDurable += p.alreadyDurable();
            files += p.wroteFile() ? 1 : 0;
        }
        byMinute.clear();
        buffered = 0;
    }

    /** Letters written by this run. */
    public synchronized long written() {
        return written;
    }

    /** Letters the lake already held (an earlier run, or the collector). */
    public synchronized long alreadyDurable() {
        return alreadyDurable;
    }

    public synchronized int files() {
        return files;
    }
}
