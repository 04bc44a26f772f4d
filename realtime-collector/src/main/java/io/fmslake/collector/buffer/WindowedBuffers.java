package io.fmslake.collector.buffer;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.Decoded;
import io.fmslake.row.Row;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every record received and not yet handed to a flush, per minute: rows by event time, dead letters by Kafka
 * timestamp. Knows which minutes were already written on close, so later records of them become late buffers.
 * Not thread-safe: the poll thread owns it.
 */
public final class WindowedBuffers {
    private static final int REMEMBERED_WRITES = 20_000;

    private final FlushRules rules;
    private final PartitionProgress progress;
    private final TreeMap<BufferKey, WindowBuffer> buffers = new TreeMap<>();
    private final Map<BufferKey, Long> writtenOnClose = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BufferKey, Long> eldest) {
            return size() > REMEMBERED_WRITES;
        }
    };
    private final Map<Long, Window> minutes = new HashMap<>();
    private long bytes;
    private long records;

    public WindowedBuffers(FlushRules rules, PartitionProgress progress) {
        this.rules = rules;
        this.progress = progress;
    }

    /** Buffers a row under the minute of its event time. @return true when the row is late */
    public boolean addRow(Row row, long estimatedBytes, long nowMillis) {
        progress.polled(row.partition(), row.eventTime());
        return add(
                new BufferKey(minuteOf(row.eventTime()), false),
                row.partition(),
                row.offset(),
                row,
                estimatedBytes,
                nowMillis);
    }

    /** Buffers a dead letter under the minute of its Kafka timestamp. @return true when its minute was written */
    public boolean addDeadLetter(DeadLetter d, long estimatedBytes, long nowMillis) {
        return add(
                new BufferKey(minuteOf(d.kafkaTimestamp()), true),
                d.partition(),
                d.offset(),
                d,
                estimatedBytes,
                nowMillis);
    }

    private boolean add(BufferKey key, int partition, long offset, Decoded item, long est, long now) {
        WindowBuffer b = buffers.get(key);
        if (b == null) {
            b = new WindowBuffer(key);
            Long written = writtenOnClose.get(key);
            if (written != null) {
                b.markLate(rules.lateDue(written));
            }
            buffers.put(key, b);
        }
        b.add(partition, offset, item, est, now);
        bytes += est;
        records++;
        return b.late();
    }

    /** Removes and returns the buffers that are due (see {@link FlushRules}), oldest first. */
    public List<WindowBuffer> takeDue(long nowMillis) {
        List<WindowBuffer> out = new ArrayList<>();
        for (Iterator<WindowBuffer> it = buffers.values().iterator(); it.hasNext(); ) {
            WindowBuffer b = it.next();
            if (rules.due(b, nowMillis, progress)) {
                it.remove();
                forget(b);
                writtenOnClose.put(b.key(), nowMillis);
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Removes buffers to relieve memory until at least {@code bytesToFree} are taken: closed minutes oldest first,
     * then open minutes largest first. Does not mark them written: their minute may still receive records.
     */
    public List<WindowBuffer> takeForPressure(long bytesToFree, long nowMillis) {
        List<WindowBuffer> order = new ArrayList<>(buffers.values());
        order.sort(
                Comparator.comparing((WindowBuffer b) -> !rules.closed(b.key().window(), nowMillis))
                        .thenComparing(b -> rules.closed(b.key().window(), nowMillis) ? 0 : -b.bytes())
                        .thenComparing(WindowBuffer::key));
        List<WindowBuffer> out = new ArrayList<>();
        long freed = 0;
        for (WindowBuffer b : order) {
            if (freed >= bytesToFree) {
                break;
            }
            buffers.remove(b.key());
            forget(b);
            freed += b.bytes();
            out.add(b);
        }
        return out;
    }

    /**
     * While consumption is paused no record arrives, so a minute looking idle says nothing about whether the
     * consumer has passed it in every partition; pausing therefore keeps every buffer "fresh".
     */
    public void touchAll(long nowMillis) {
        buffers.values().forEach(b -> b.touch(nowMillis));
    }

    /** Removes and returns every buffer (shutdown). */
    public List<WindowBuffer> takeAll() {
        List<WindowBuffer> out = new ArrayList<>(buffers.values());
        buffers.clear();
        bytes = 0;
        records = 0;
        return out;
    }

    /** Removes and returns the records of these partitions, one buffer per minute (revocation). */
    public List<WindowBuffer> takePartitions(Set<Integer> partitions) {
        List<WindowBuffer> out = new ArrayList<>();
        for (Iterator<WindowBuffer> it = buffers.values().iterator(); it.hasNext(); ) {
            WindowBuffer b = it.next();
            WindowBuffer taken = b.extract(partitions::contains);
            if (!taken.isEmpty()) {
                bytes -= taken.bytes();
                records -= taken.count();
                out.add(taken);
            }
            if (b.isEmpty()) {
                it.remove();
            }
        }
        return out;
    }

    /** Puts a buffer back (its flush failed), merging with records that arrived meanwhile. */
    public void putBack(WindowBuffer b) {
        if (b.isEmpty()) {
            return;
        }
        bytes += b.bytes();
        records += b.count();
        WindowBuffer existing = buffers.get(b.key());
        if (existing == null) {
            buffers.put(b.key(), b);
        } else {
            existing.absorb(b);
        }
    }

    /** The lowest buffered offset of the partition, or -1 when none is buffered. */
    public long lowestOffset(int partition) {
        long lowest = -1;
        for (WindowBuffer b : buffers.values()) {
            long o = b.lowestOffset(partition);
            if (o >= 0 && (lowest < 0 || o < lowest)) {
                lowest = o;
            }
        }
        return lowest;
    }

    public long bytes() {
        return bytes;
    }

    public long records() {
        return records;
    }

    public int size() {
        return buffers.size();
    }

    private void forget(WindowBuffer b) {
        bytes -= b.bytes();
        records -= b.count();
    }

    private Window minuteOf(long epochMillis) {
        long epochMinute = Math.floorDiv(epochMillis, 60_000L);
        Window w = minutes.get(epochMinute);
        if (w == null) {
            Instant at = Instant.ofEpochMilli(epochMillis);
            w = rules.codec().windowOf(Level.MINUTE, at);
            if (rules.codec().zone().getRules().getOffset(at).getTotalSeconds() % 60 != 0) {
                return w;
            }
            if (minutes.size() > 10_000) {
                minutes.clear();
            }
            minutes.put(epochMinute, w);
        }
        return w;
    }
}
